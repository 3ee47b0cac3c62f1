CREATE OR REPLACE VIEW active_payments AS
SELECT status, created_at, body
FROM payments
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_payments OWNER TO app_ro;
CREATE MATERIALIZED VIEW IF NOT EXISTS payments_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM payments
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS payments_daily_stats_day_idx ON payments_daily_stats (day);
REFRESH MATERIALIZED VIEW payments_daily_stats;
DROP VIEW IF EXISTS active_products;
