CREATE OR REPLACE VIEW active_webhooks AS
SELECT timezone, updated_at, notes
FROM webhooks
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_webhooks OWNER TO reporting;
CREATE MATERIALIZED VIEW IF NOT EXISTS webhooks_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM webhooks
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS webhooks_daily_stats_day_idx ON webhooks_daily_stats (day);
REFRESH MATERIALIZED VIEW webhooks_daily_stats;
DROP VIEW IF EXISTS active_inventory_items;
