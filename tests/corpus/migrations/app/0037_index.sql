-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_source_updated_at_idx
    ON accounts USING btree (source, updated_at) WHERE created_at > '2020-01-01';
DROP INDEX CONCURRENTLY IF EXISTS accounts_legacy_idx;
