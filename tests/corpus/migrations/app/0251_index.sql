-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS tasks_email_idx
    ON tasks USING btree (email) WHERE created_at > '2020-01-01';
DROP INDEX CONCURRENTLY IF EXISTS tasks_legacy_idx;
REINDEX INDEX CONCURRENTLY tasks_email_idx;
