CREATE OR REPLACE VIEW active_rooms AS
SELECT created_at, timezone, phone
FROM rooms
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_rooms OWNER TO app_ro;
REFRESH MATERIALIZED VIEW CONCURRENTLY accounts_daily_stats;
