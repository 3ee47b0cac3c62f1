ALTER TABLE subscriptions ALTER COLUMN timezone TYPE text USING timezone::text;

/*
 * multi-line header
 * author: platform team; reviewed
 */
CREATE TABLE page_views_90 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id)
) PARTITION BY HASH (id);
CREATE TABLE page_views_90_p0 PARTITION OF page_views_90 FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE page_views_90_p1 PARTITION OF page_views_90 FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE page_views_90_p2 PARTITION OF page_views_90 FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE page_views_90_p3 PARTITION OF page_views_90 FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE INDEX page_views_90_payload_idx ON page_views_90 USING gin (payload);

CREATE OR REPLACE VIEW active_coupons AS
SELECT account_id, updated_at, created_at
FROM coupons
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_coupons OWNER TO reporting;
CREATE MATERIALIZED VIEW IF NOT EXISTS coupons_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM coupons
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS coupons_daily_stats_day_idx ON coupons_daily_stats (day);
REFRESH MATERIALIZED VIEW coupons_daily_stats;
REFRESH MATERIALIZED VIEW CONCURRENTLY projects_daily_stats;
DROP VIEW IF EXISTS active_locations;
