-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS badges_visibility_idx
    ON badges (visibility) WHERE created_at > '2020-01-01';
DROP INDEX CONCURRENTLY IF EXISTS badges_legacy_idx;
