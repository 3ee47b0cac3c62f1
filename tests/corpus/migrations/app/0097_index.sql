-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS bookings_34_created_at_room_id_idx
    ON bookings_34 (created_at, room_id) WHERE created_at > '2020-01-01';
