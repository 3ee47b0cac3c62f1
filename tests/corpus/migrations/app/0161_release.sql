-- keep this idempotent; it runs on every deploy
CREATE TABLE readings_61 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE TABLE readings_61_2024_01 PARTITION OF readings_61
    FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
CREATE TABLE readings_61_2024_02 PARTITION OF readings_61
    FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
CREATE TABLE readings_61_2024_03 PARTITION OF readings_61
    FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');
CREATE TABLE readings_61_2024_04 PARTITION OF readings_61
    FOR VALUES FROM ('2024-04-01') TO ('2024-05-01');
CREATE TABLE readings_61_2024_05 PARTITION OF readings_61
    FOR VALUES FROM ('2024-05-01') TO ('2024-06-01');
CREATE TABLE readings_61_2024_06 PARTITION OF readings_61
    FOR VALUES FROM ('2024-06-01') TO ('2024-07-01');
CREATE INDEX readings_61_payload_idx ON readings_61 USING gin (payload);

CREATE SCHEMA IF NOT EXISTS reporting;
CREATE TABLE IF NOT EXISTS reporting.daily_totals_62 (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    captured_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    data jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS daily_totals_62_captured_at_idx ON reporting.daily_totals_62 USING brin (captured_at);

CREATE OR REPLACE VIEW active_plans AS
SELECT created_at, tax_rate, visibility
FROM plans
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_plans OWNER TO app_rw;
CREATE MATERIALIZED VIEW IF NOT EXISTS plans_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM plans
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS plans_daily_stats_day_idx ON plans_daily_stats (day);
REFRESH MATERIALIZED VIEW plans_daily_stats;
DROP VIEW IF EXISTS active_locations;
