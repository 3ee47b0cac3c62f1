-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS webhooks_account_id_idx
    ON webhooks (account_id);
ANALYZE webhooks;
