-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS metrics_7_2023_05
    (LIKE metrics_7 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE metrics_7_2023_05 ADD CONSTRAINT metrics_7_2023_05_bounds
    CHECK (occurred_at >= '2023-05-01' AND occurred_at < '2023-06-01');
ALTER TABLE metrics_7 ATTACH PARTITION metrics_7_2023_05
    FOR VALUES FROM ('2023-05-01') TO ('2023-06-01');
ALTER TABLE metrics_7_2023_05 DROP CONSTRAINT metrics_7_2023_05_bounds;
ALTER TABLE metrics_7 DETACH PARTITION metrics_7_2023_02;
DROP TABLE IF EXISTS metrics_7_2023_02;

-- keep this idempotent; it runs on every deploy
CREATE TABLE metrics_18 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id)
) PARTITION BY HASH (id);
CREATE TABLE metrics_18_p0 PARTITION OF metrics_18 FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE metrics_18_p1 PARTITION OF metrics_18 FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE metrics_18_p2 PARTITION OF metrics_18 FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE metrics_18_p3 PARTITION OF metrics_18 FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE INDEX metrics_18_payload_idx ON metrics_18 USING gin (payload);
