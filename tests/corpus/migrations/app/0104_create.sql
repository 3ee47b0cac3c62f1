/* block comment; with a semicolon */
CREATE TABLE wallets (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    quantity timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    title smallint,
    due_on char(3) NOT NULL DEFAULT 'EUR',
    net_cents bigint NOT NULL DEFAULT 0,
    net_amount numeric(14,2) GENERATED ALWAYS AS (net_cents / 100.0) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT wallets_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS wallets_account_id_idx ON wallets (account_id);
COMMENT ON TABLE wallets IS '$$ not a dollar quote $$';
GRANT SELECT, INSERT, UPDATE, DELETE ON wallets TO app_rw;
