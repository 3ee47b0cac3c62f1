CREATE OR REPLACE VIEW active_sensors AS
SELECT account_id, id, created_at
FROM sensors
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_sensors OWNER TO app_ro;
REFRESH MATERIALIZED VIEW CONCURRENTLY accounts_daily_stats;
