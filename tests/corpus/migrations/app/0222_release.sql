CREATE SCHEMA IF NOT EXISTS reporting;
CREATE TABLE IF NOT EXISTS reporting.exports_100 (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    captured_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    data jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS exports_100_captured_at_idx ON reporting.exports_100 USING brin (captured_at);

/* nested /* comment; inner */ still a comment; */
CREATE TABLE IF NOT EXISTS orders_v31 (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    label bigint,
    checksum varchar(120) UNIQUE,
    net_cents bigint NOT NULL DEFAULT 0,
    net_amount numeric(14,2) GENERATED ALWAYS AS (net_cents / 100.0) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orders_v31_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS orders_v31_account_id_idx ON orders_v31 (account_id);
COMMENT ON TABLE orders_v31 IS $$dollar; 'quoted' text$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON orders_v31 TO migrator;
