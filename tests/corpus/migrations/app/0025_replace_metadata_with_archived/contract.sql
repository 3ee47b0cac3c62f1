-- contract: the old app is gone
DROP TRIGGER IF EXISTS bookings_4_sync_archived ON bookings_4;
DROP FUNCTION IF EXISTS bookings_4_sync_archived();
ALTER TABLE bookings_4 DROP COLUMN IF EXISTS metadata;
