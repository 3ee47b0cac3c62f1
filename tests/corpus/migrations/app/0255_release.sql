/* block comment; with a semicolon */
ALTER TABLE courses ADD COLUMN quantity jsonb;
ALTER TABLE courses ADD COLUMN due_on numeric(12,2);

CREATE SCHEMA IF NOT EXISTS reporting;
CREATE TABLE IF NOT EXISTS reporting.page_views_113 (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    captured_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    data jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS page_views_113_captured_at_idx ON reporting.page_views_113 USING brin (captured_at);

-- renaming breaks the old app; see the phased migrations for the safe way
ALTER TABLE reporting.daily_totals_62 RENAME COLUMN captured_at TO expires_at;

CREATE OR REPLACE VIEW active_ledger_entries AS
SELECT updated_at, slug, net_cents
FROM ledger_entries
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_ledger_entries OWNER TO app_ro;
CREATE MATERIALIZED VIEW IF NOT EXISTS ledger_entries_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM ledger_entries
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS ledger_entries_daily_stats_day_idx ON ledger_entries_daily_stats (day);
REFRESH MATERIALIZED VIEW ledger_entries_daily_stats;
DROP VIEW IF EXISTS active_surveys;

/* nested /* comment; inner */ still a comment; */
CREATE TABLE inventory_items_v45 (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    ends_at text NOT NULL DEFAULT 'untitled',
    metadata double precision,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT inventory_items_v45_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS inventory_items_v45_account_id_idx ON inventory_items_v45 (account_id);
COMMENT ON TABLE inventory_items_v45 IS $$dollar; 'quoted' text$$;
