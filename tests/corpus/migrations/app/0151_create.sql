-- TODO(ops): revisit once the backfill is done
CREATE TABLE IF NOT EXISTS surveys (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    timezone text[] NOT NULL DEFAULT ARRAY[]::text[],
    version inet,
    quantity interval,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT surveys_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS surveys_account_id_idx ON surveys (account_id);
COMMENT ON TABLE surveys IS E'tab\there; back\\slash';
COMMENT ON COLUMN surveys.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON surveys TO migrator;
