CREATE OR REPLACE VIEW active_notifications AS
SELECT id, quantity, starts_at
FROM notifications
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_notifications OWNER TO migrator;
CREATE MATERIALIZED VIEW IF NOT EXISTS notifications_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM notifications
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS notifications_daily_stats_day_idx ON notifications_daily_stats (day);
REFRESH MATERIALIZED VIEW notifications_daily_stats;
