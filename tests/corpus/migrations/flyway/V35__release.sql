DROP VIEW active_api_keys;
CREATE OR REPLACE VIEW active_api_keys AS
SELECT title, ends_at, updated_at
FROM api_keys
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_api_keys OWNER TO app_ro;
CREATE MATERIALIZED VIEW IF NOT EXISTS api_keys_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM api_keys
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS api_keys_daily_stats_day_idx ON api_keys_daily_stats (day);
REFRESH MATERIALIZED VIEW api_keys_daily_stats;

-- ADD VALUE cannot be used in the same transaction as the new value
ALTER TYPE review_state_0 ADD VALUE IF NOT EXISTS 'active' BEFORE 'failed';
ALTER TYPE review_state_0 RENAME VALUE 'failed' TO 'failed_old';

ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS attachments_ref bigint;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_attachments_fk
    FOREIGN KEY (attachments_ref) REFERENCES attachments (id) NOT VALID;
ALTER TABLE api_keys VALIDATE CONSTRAINT api_keys_attachments_fk;

-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS metrics_13_2024_05
    (LIKE metrics_13 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE metrics_13_2024_05 ADD CONSTRAINT metrics_13_2024_05_bounds
    CHECK (occurred_at >= '2024-05-01' AND occurred_at < '2024-06-01');
ALTER TABLE metrics_13 ATTACH PARTITION metrics_13_2024_05
    FOR VALUES FROM ('2024-05-01') TO ('2024-06-01');
ALTER TABLE metrics_13_2024_05 DROP CONSTRAINT metrics_13_2024_05_bounds;
ALTER TABLE metrics_13 DETACH PARTITION metrics_13_2024_01;
DROP TABLE IF EXISTS metrics_13_2024_01;
