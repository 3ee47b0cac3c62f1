-- keep this idempotent; it runs on every deploy
CREATE TABLE IF NOT EXISTS messages_v51 (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    due_on inet,
    url timestamptz,
    quantity numeric(12,2) NOT NULL DEFAULT 0,
    label uuid,
    phone bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS messages_v51_account_id_idx ON messages_v51 (account_id);
COMMENT ON TABLE messages_v51 IS '/* not a comment */ -- nor this;';
GRANT SELECT, INSERT, UPDATE, DELETE ON messages_v51 TO app_rw;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_phone_idx
    ON payments (phone) WHERE created_at > '2020-01-01';

ALTER TABLE imports ALTER COLUMN visibility TYPE text USING visibility::text;

-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS readings_116_2024_07
    (LIKE readings_116 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE readings_116_2024_07 ADD CONSTRAINT readings_116_2024_07_bounds
    CHECK (occurred_at >= '2024-07-01' AND occurred_at < '2024-08-01');
ALTER TABLE readings_116 ATTACH PARTITION readings_116_2024_07
    FOR VALUES FROM ('2024-07-01') TO ('2024-08-01');
ALTER TABLE readings_116_2024_07 DROP CONSTRAINT readings_116_2024_07_bounds;
ALTER TABLE readings_116 DETACH PARTITION readings_116_2024_01;
DROP TABLE IF EXISTS readings_116_2024_01;

ALTER TABLE ops.snapshots_12 ALTER COLUMN ends_at_at TYPE text USING ends_at_at::text;

ALTER TABLE subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscriptions FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS subscriptions_tenant ON subscriptions;
CREATE POLICY subscriptions_tenant ON subscriptions
    FOR ALL TO app_ro
    USING (export_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (export_id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS subscriptions_read ON subscriptions;
CREATE POLICY subscriptions_read ON subscriptions AS PERMISSIVE FOR SELECT USING (true);
