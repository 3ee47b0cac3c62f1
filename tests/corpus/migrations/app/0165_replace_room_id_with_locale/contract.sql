-- contract: the old app is gone
DROP TRIGGER IF EXISTS bookings_4_sync_locale ON bookings_4;
DROP FUNCTION IF EXISTS bookings_4_sync_locale();
ALTER TABLE bookings_4 DROP COLUMN IF EXISTS room_id;
