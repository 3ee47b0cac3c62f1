CREATE SEQUENCE IF NOT EXISTS badges_phone_seq START WITH 1000 INCREMENT BY 1 CACHE 1;
ALTER TABLE badges ADD COLUMN IF NOT EXISTS phone bigint;
ALTER TABLE badges ALTER COLUMN phone SET DEFAULT nextval('badges_phone_seq');
ALTER SEQUENCE badges_phone_seq OWNED BY badges.phone;
SELECT setval('badges_phone_seq', 1000, false);

CREATE SCHEMA IF NOT EXISTS billing;
CREATE TABLE IF NOT EXISTS billing.exports_46 (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    captured_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    data jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS exports_46_captured_at_idx ON billing.exports_46 USING brin (captured_at);

-- NOTE: statement_timeout is set by the runner; nothing to do here
CREATE TABLE IF NOT EXISTS tickets (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    source bytea,
    ends_at varchar(120) NOT NULL DEFAULT 'n/a' UNIQUE,
    external_ref timestamptz NOT NULL,
    net_cents bigint NOT NULL DEFAULT 0,
    net_amount numeric(14,2) GENERATED ALWAYS AS (net_cents / 100.0) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tickets_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS tickets_account_id_idx ON tickets (account_id);
COMMENT ON TABLE tickets IS E'It\'s fine; really\n(second line)';
COMMENT ON COLUMN tickets.created_at IS 'When the row was inserted; UTC';

-- keep this idempotent; it runs on every deploy
CREATE TABLE exports (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    source smallint NOT NULL DEFAULT 1,
    summary bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT exports_pkey PRIMARY KEY (id),
    CONSTRAINT exports_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS exports_account_id_idx ON exports (account_id);
COMMENT ON TABLE exports IS 'naïve café; crème brûlée';

ALTER TABLE sensors ENABLE ROW LEVEL SECURITY;
ALTER TABLE sensors FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS sensors_tenant ON sensors;
CREATE POLICY sensors_tenant ON sensors
    FOR ALL TO reporting
    USING (account_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (account_id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS sensors_read ON sensors;
CREATE POLICY sensors_read ON sensors AS PERMISSIVE FOR SELECT USING (true);
