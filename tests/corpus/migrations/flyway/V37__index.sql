-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '2s';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS schedules_id_idx
    ON schedules (id) WHERE created_at > '2020-01-01';
