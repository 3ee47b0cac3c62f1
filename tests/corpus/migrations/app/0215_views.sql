CREATE OR REPLACE VIEW active_leads AS
SELECT title, id, ends_at
FROM leads
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_leads OWNER TO reporting;
