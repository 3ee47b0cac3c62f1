-- TODO(ops): revisit once the backfill is done
CREATE TABLE courses_v57 (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    timezone interval NOT NULL DEFAULT interval '1 day',
    rating char(3) NOT NULL DEFAULT 'EUR',
    version jsonb NOT NULL DEFAULT '[]'::jsonb,
    net_cents bigint NOT NULL DEFAULT 0,
    net_amount numeric(14,2) GENERATED ALWAYS AS (net_cents / 100.0) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT courses_v57_pkey PRIMARY KEY (id),
    CONSTRAINT courses_v57_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS courses_v57_account_id_idx ON courses_v57 (account_id);
COMMENT ON TABLE courses_v57 IS U&'d\0061t\+000061; unicode escapes';
COMMENT ON COLUMN courses_v57.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON courses_v57 TO reporting;
