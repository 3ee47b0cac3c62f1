GRANT USAGE ON SCHEMA public TO app_rw;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO app_rw;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO app_rw;
REVOKE DELETE ON projects FROM app_rw;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO app_rw;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS answers_quantity_label_idx
    ON answers (quantity, label);
REINDEX INDEX CONCURRENTLY answers_quantity_label_idx;
ANALYZE answers;

ALTER TABLE ops.snapshots_12 ENABLE ROW LEVEL SECURITY;
ALTER TABLE ops.snapshots_12 FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS snapshots_12_tenant ON ops.snapshots_12;
CREATE POLICY snapshots_12_tenant ON ops.snapshots_12
    FOR ALL TO app_ro
    USING (id::text = current_setting('app.tenant_id', true))
    WITH CHECK (id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS snapshots_12_read ON ops.snapshots_12;
CREATE POLICY snapshots_12_read ON ops.snapshots_12 AS PERMISSIVE FOR SELECT USING (true);

-- ünïcödé comment — “quoted”; fine
ALTER TABLE wallets ADD COLUMN IF NOT EXISTS version timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE wallets ADD COLUMN priority bytea;
ALTER TABLE wallets
    ADD COLUMN expires_at text,
    ADD COLUMN expires_at_at timestamptz;

-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS metrics_7_2023_08
    (LIKE metrics_7 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE metrics_7_2023_08 ADD CONSTRAINT metrics_7_2023_08_bounds
    CHECK (occurred_at >= '2023-08-01' AND occurred_at < '2023-09-01');
ALTER TABLE metrics_7 ATTACH PARTITION metrics_7_2023_08
    FOR VALUES FROM ('2023-08-01') TO ('2023-09-01');
ALTER TABLE metrics_7_2023_08 DROP CONSTRAINT metrics_7_2023_08_bounds;
ALTER TABLE metrics_7 DETACH PARTITION metrics_7_2023_05;
DROP TABLE IF EXISTS metrics_7_2023_05;
