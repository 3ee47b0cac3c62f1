-- ünïcödé comment — “quoted”; fine
CREATE TABLE ledger_entries_v23 (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    daily_totals_20_id bigint NOT NULL REFERENCES ops.daily_totals_20 (id) ON DELETE CASCADE,
    status bigint,
    discount char(3) NOT NULL DEFAULT 'EUR',
    starts_at integer NOT NULL DEFAULT 0 CHECK (starts_at >= 0),
    tax_rate text NOT NULL DEFAULT '',
    checksum double precision NOT NULL DEFAULT 0,
    priority double precision NOT NULL,
    email jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ledger_entries_v23_daily_totals_20_id_idx ON ledger_entries_v23 (daily_totals_20_id);
COMMENT ON TABLE ledger_entries_v23 IS E'It\'s fine; really\n(second line)';
COMMENT ON COLUMN ledger_entries_v23.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON ledger_entries_v23 TO app_rw;
