-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS readings_61_2024_09
    (LIKE readings_61 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE readings_61_2024_09 ADD CONSTRAINT readings_61_2024_09_bounds
    CHECK (occurred_at >= '2024-09-01' AND occurred_at < '2024-10-01');
ALTER TABLE readings_61 ATTACH PARTITION readings_61_2024_09
    FOR VALUES FROM ('2024-09-01') TO ('2024-10-01');
ALTER TABLE readings_61_2024_09 DROP CONSTRAINT readings_61_2024_09_bounds;
ALTER TABLE readings_61 DETACH PARTITION readings_61_2024_03 CONCURRENTLY;
DROP TABLE IF EXISTS readings_61_2024_03;

-- NOTE: statement_timeout is set by the runner; nothing to do here
CREATE TABLE metrics_103 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE TABLE metrics_103_2024_01 PARTITION OF metrics_103
    FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
CREATE TABLE metrics_103_2024_02 PARTITION OF metrics_103
    FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
CREATE TABLE metrics_103_2024_03 PARTITION OF metrics_103
    FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');
CREATE TABLE metrics_103_2024_04 PARTITION OF metrics_103
    FOR VALUES FROM ('2024-04-01') TO ('2024-05-01');
CREATE TABLE metrics_103_2024_05 PARTITION OF metrics_103
    FOR VALUES FROM ('2024-05-01') TO ('2024-06-01');
CREATE TABLE metrics_103_2024_06 PARTITION OF metrics_103
    FOR VALUES FROM ('2024-06-01') TO ('2024-07-01');
CREATE INDEX metrics_103_payload_idx ON metrics_103 USING gin (payload);
