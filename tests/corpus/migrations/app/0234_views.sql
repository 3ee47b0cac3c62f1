CREATE OR REPLACE VIEW active_taggings AS
SELECT status, created_at, net_amount
FROM taggings
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_taggings OWNER TO migrator;
CREATE MATERIALIZED VIEW IF NOT EXISTS taggings_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM taggings
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS taggings_daily_stats_day_idx ON taggings_daily_stats (day);
REFRESH MATERIALIZED VIEW taggings_daily_stats;
