-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS bookings_15_during_room_id_idx
    ON bookings_15 (during, room_id);
