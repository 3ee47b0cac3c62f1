-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS sessions_approved_kind_idx
    ON sessions (approved, kind) WHERE created_at > '2020-01-01';
