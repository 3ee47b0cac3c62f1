-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS reports_net_cents_account_id_idx
    ON reports (net_cents, account_id) WHERE created_at > '2020-01-01';
DROP INDEX CONCURRENTLY IF EXISTS reports_legacy_idx;
REINDEX INDEX CONCURRENTLY reports_net_cents_account_id_idx;
