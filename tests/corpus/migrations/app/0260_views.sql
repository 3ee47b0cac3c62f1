CREATE OR REPLACE VIEW active_orders_v31 AS
SELECT created_at, net_cents, approved
FROM orders_v31
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_orders_v31 OWNER TO app_ro;
CREATE MATERIALIZED VIEW IF NOT EXISTS orders_v31_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM orders_v31
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS orders_v31_daily_stats_day_idx ON orders_v31_daily_stats (day);
REFRESH MATERIALIZED VIEW orders_v31_daily_stats;
