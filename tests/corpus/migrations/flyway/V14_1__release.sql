CREATE OR REPLACE VIEW active_webhooks AS
SELECT updated_at, id, account_id
FROM webhooks
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_webhooks OWNER TO reporting;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS tickets_account_id_idx
    ON tickets (account_id);
