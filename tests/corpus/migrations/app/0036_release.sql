CREATE SCHEMA IF NOT EXISTS ops;
CREATE TABLE IF NOT EXISTS ops.daily_totals_20 (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    captured_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    data jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS daily_totals_20_captured_at_idx ON ops.daily_totals_20 USING brin (captured_at);

-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS metrics_7_2023_06
    (LIKE metrics_7 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE metrics_7_2023_06 ADD CONSTRAINT metrics_7_2023_06_bounds
    CHECK (occurred_at >= '2023-06-01' AND occurred_at < '2023-07-01');
ALTER TABLE metrics_7 ATTACH PARTITION metrics_7_2023_06
    FOR VALUES FROM ('2023-06-01') TO ('2023-07-01');
ALTER TABLE metrics_7_2023_06 DROP CONSTRAINT metrics_7_2023_06_bounds;
ALTER TABLE metrics_7 DETACH PARTITION metrics_7_2023_03;
DROP TABLE IF EXISTS metrics_7_2023_03;

CREATE SEQUENCE IF NOT EXISTS lessons_rating_seq START WITH 1000 INCREMENT BY 1 CACHE 1;
ALTER TABLE lessons ADD COLUMN IF NOT EXISTS rating bigint;
ALTER TABLE lessons ALTER COLUMN rating SET DEFAULT nextval('lessons_rating_seq');
ALTER SEQUENCE lessons_rating_seq OWNED BY lessons.rating;
SELECT setval('lessons_rating_seq', 1000, false);

CREATE DOMAIN email_4 AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$');
CREATE DOMAIN positive_amount_4 AS numeric(12,2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE TYPE money_4 AS (amount numeric(12,2), currency char(3));
ALTER DOMAIN email_4 ADD CONSTRAINT email_4_len CHECK (length(VALUE) < 320) NOT VALID;
ALTER DOMAIN email_4 VALIDATE CONSTRAINT email_4_len;
