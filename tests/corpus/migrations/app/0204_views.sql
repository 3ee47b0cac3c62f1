CREATE OR REPLACE VIEW active_page_views_64 AS
SELECT id, captured_at, created_at
FROM analytics.page_views_64
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_page_views_64 OWNER TO app_ro;
