/* nested /* comment; inner */ still a comment; */
DROP TABLE IF EXISTS legacy_tags CASCADE;
DROP TYPE IF EXISTS legacy_state_1;
DROP INDEX IF EXISTS warehouses_old_idx;
DROP VIEW IF EXISTS legacy_view_6;

/* block comment; with a semicolon */
ALTER TABLE leads ADD COLUMN locale text[] NOT NULL DEFAULT ARRAY[]::text[];
ALTER TABLE leads ADD COLUMN IF NOT EXISTS visibility date NOT NULL DEFAULT CURRENT_DATE;
ALTER TABLE leads ADD COLUMN IF NOT EXISTS phone uuid NOT NULL DEFAULT gen_random_uuid();

-- TODO(ops): revisit once the backfill is done
CREATE TABLE messages_v53 (
    id serial NOT NULL,
    import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    reference text[] NOT NULL DEFAULT '{}',
    currency integer,
    url varchar(120) NOT NULL DEFAULT 'n/a' UNIQUE,
    summary varchar(120) NOT NULL UNIQUE,
    body text NOT NULL DEFAULT '',
    region jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT messages_v53_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS messages_v53_import_id_idx ON messages_v53 (import_id);
COMMENT ON TABLE messages_v53 IS $$dollar; 'quoted' text$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON messages_v53 TO reporting;

/* nested /* comment; inner */ still a comment; */
CREATE TABLE invoices_v54 (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    timezone integer NOT NULL DEFAULT 0 CHECK (timezone >= 0),
    discount char(3),
    rating boolean NOT NULL DEFAULT false,
    status double precision,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS invoices_v54_account_id_idx ON invoices_v54 (account_id);
COMMENT ON TABLE invoices_v54 IS $$dollar; 'quoted' text$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON invoices_v54 TO migrator;
