CREATE SCHEMA IF NOT EXISTS analytics;
CREATE TABLE IF NOT EXISTS analytics.daily_totals_70 (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    captured_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    data jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS daily_totals_70_captured_at_idx ON analytics.daily_totals_70 USING brin (captured_at);

/*
 * multi-line header
 * author: platform team; reviewed
 */
DROP TABLE IF EXISTS legacy_plans CASCADE;
DROP TYPE IF EXISTS legacy_state_4;
DROP INDEX IF EXISTS reports_old_idx;
DROP VIEW IF EXISTS legacy_view_5;

-- keep this idempotent; it runs on every deploy
CREATE TABLE ledger_entries (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    ends_at tstzrange,
    kind smallint,
    slug jsonb NOT NULL,
    rating date NOT NULL DEFAULT CURRENT_DATE,
    status timestamptz NOT NULL DEFAULT now(),
    net_cents bigint NOT NULL DEFAULT 0,
    net_amount numeric(14,2) GENERATED ALWAYS AS (net_cents / 100.0) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ledger_entries_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS ledger_entries_account_id_idx ON ledger_entries (account_id);
COMMENT ON TABLE ledger_entries IS $$dollar; 'quoted' text$$;
COMMENT ON COLUMN ledger_entries.created_at IS 'When the row was inserted; UTC';

ALTER TABLE memberships ALTER COLUMN weight DROP NOT NULL;

ALTER TABLE calendars ALTER COLUMN rating SET DEFAULT gen_random_uuid();
ALTER TABLE calendars ALTER COLUMN rating DROP DEFAULT;
