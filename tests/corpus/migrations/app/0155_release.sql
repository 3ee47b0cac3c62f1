-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS jobs_url_idx
    ON jobs (url);
DROP INDEX CONCURRENTLY IF EXISTS jobs_legacy_idx;

/* block comment; with a semicolon */
ALTER TABLE surveys ADD COLUMN source tstzrange;
ALTER TABLE surveys
    ADD COLUMN position text,
    ADD COLUMN position_at timestamptz;

CREATE OR REPLACE VIEW active_wallets AS
SELECT net_amount, version, id
FROM wallets
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_wallets OWNER TO app_rw;
DROP VIEW IF EXISTS active_webhooks;

CREATE OR REPLACE VIEW active_surveys AS
SELECT version, updated_at, id
FROM surveys
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_surveys OWNER TO migrator;
CREATE MATERIALIZED VIEW IF NOT EXISTS surveys_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM surveys
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS surveys_daily_stats_day_idx ON surveys_daily_stats (day);
REFRESH MATERIALIZED VIEW surveys_daily_stats;
