CREATE OR REPLACE VIEW active_inventory_items AS
SELECT rating, approved, created_at
FROM inventory_items
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_inventory_items OWNER TO app_ro;
CREATE MATERIALIZED VIEW IF NOT EXISTS inventory_items_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM inventory_items
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS inventory_items_daily_stats_day_idx ON inventory_items_daily_stats (day);
REFRESH MATERIALIZED VIEW inventory_items_daily_stats;
REFRESH MATERIALIZED VIEW CONCURRENTLY inventory_items_daily_stats;
