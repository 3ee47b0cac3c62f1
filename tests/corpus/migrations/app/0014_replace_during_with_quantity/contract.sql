-- contract: the old app is gone
DROP TRIGGER IF EXISTS bookings_4_sync_quantity ON bookings_4;
DROP FUNCTION IF EXISTS bookings_4_sync_quantity();
ALTER TABLE bookings_4 DROP COLUMN IF EXISTS during;
