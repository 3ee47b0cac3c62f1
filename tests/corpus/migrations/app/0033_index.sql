-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS bookings_15_created_at_idx
    ON bookings_15 (created_at);
