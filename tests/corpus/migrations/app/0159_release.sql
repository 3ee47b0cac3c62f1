-- ünïcödé comment — “quoted”; fine
ALTER TABLE tasks ADD COLUMN quantity integer;
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS balance numeric(12,2);

-- keep this idempotent; it runs on every deploy
CREATE TABLE calendars (
    id serial NOT NULL,
    import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    priority smallint NOT NULL DEFAULT 1,
    rating uuid,
    title text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED,
    net_cents bigint NOT NULL DEFAULT 0,
    net_amount numeric(14,2) GENERATED ALWAYS AS (net_cents / 100.0) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT calendars_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS calendars_import_id_idx ON calendars (import_id);
COMMENT ON TABLE calendars IS 'semi;colon;everywhere;';
GRANT SELECT, INSERT, UPDATE, DELETE ON calendars TO migrator;

/* nested /* comment; inner */ still a comment; */
CREATE TABLE IF NOT EXISTS warehouses (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    rating tstzrange NOT NULL,
    source smallint NOT NULL DEFAULT 1,
    weight integer,
    tax_rate date,
    email double precision NOT NULL DEFAULT 0,
    position text NOT NULL DEFAULT 'untitled',
    net_cents bigint NOT NULL DEFAULT 0,
    net_amount numeric(14,2) GENERATED ALWAYS AS (net_cents / 100.0) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS warehouses_account_id_idx ON warehouses (account_id);
COMMENT ON TABLE warehouses IS 'naïve café; crème brûlée';
GRANT SELECT, INSERT, UPDATE, DELETE ON warehouses TO reporting;

CREATE OR REPLACE VIEW active_tags AS
SELECT id, amount, net_amount
FROM tags
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_tags OWNER TO migrator;
REFRESH MATERIALIZED VIEW CONCURRENTLY 注文履歴_daily_stats;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS straße_адреса_état_idx
    ON "straße_адреса" ("état");

-- ünïcödé comment — “quoted”; fine
CREATE TABLE IF NOT EXISTS documents (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    url bytea NOT NULL,
    title uuid NOT NULL DEFAULT gen_random_uuid(),
    country interval NOT NULL DEFAULT interval '1 day',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT documents_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS documents_account_id_idx ON documents (account_id);
COMMENT ON TABLE documents IS '/* not a comment */ -- nor this;';
