-- renaming breaks the old app; see the phased migrations for the safe way
ALTER TABLE order_items RENAME COLUMN timezone TO approved;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS channels_balance_idx
    ON channels USING btree (balance) WHERE created_at > '2020-01-01';

-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS metrics_7_2023_07
    (LIKE metrics_7 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE metrics_7_2023_07 ADD CONSTRAINT metrics_7_2023_07_bounds
    CHECK (occurred_at >= '2023-07-01' AND occurred_at < '2023-08-01');
ALTER TABLE metrics_7 ATTACH PARTITION metrics_7_2023_07
    FOR VALUES FROM ('2023-07-01') TO ('2023-08-01');
ALTER TABLE metrics_7_2023_07 DROP CONSTRAINT metrics_7_2023_07_bounds;
ALTER TABLE metrics_7 DETACH PARTITION metrics_7_2023_04;
DROP TABLE IF EXISTS metrics_7_2023_04;

-- keep this idempotent; it runs on every deploy
ALTER TABLE imports ADD COLUMN notes boolean NOT NULL DEFAULT false;
ALTER TABLE imports ADD COLUMN IF NOT EXISTS ends_at text[];
