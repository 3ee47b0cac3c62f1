CREATE OR REPLACE VIEW active_sensors AS
SELECT webhooks_ref, title, id
FROM sensors
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_sensors OWNER TO migrator;
CREATE MATERIALIZED VIEW IF NOT EXISTS sensors_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM sensors
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS sensors_daily_stats_day_idx ON sensors_daily_stats (day);
REFRESH MATERIALIZED VIEW sensors_daily_stats;
DROP VIEW IF EXISTS active_wallets;
