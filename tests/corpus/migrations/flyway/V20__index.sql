-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_version_created_at_idx
    ON payments USING btree (version, created_at);
DROP INDEX CONCURRENTLY IF EXISTS payments_legacy_idx;
ANALYZE payments;
