CREATE OR REPLACE VIEW active_vendors AS
SELECT account_id, updated_at, priority
FROM vendors
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_vendors OWNER TO reporting;
CREATE MATERIALIZED VIEW IF NOT EXISTS vendors_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM vendors
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS vendors_daily_stats_day_idx ON vendors_daily_stats (day);
REFRESH MATERIALIZED VIEW vendors_daily_stats;
REFRESH MATERIALIZED VIEW CONCURRENTLY warehouses_daily_stats;
DROP VIEW IF EXISTS active_注文履歴;
