-- TODO(ops): revisit once the backfill is done
ALTER TABLE plans ADD COLUMN IF NOT EXISTS archived jsonb;
ALTER TABLE plans ADD COLUMN IF NOT EXISTS external_ref date NOT NULL DEFAULT CURRENT_DATE;
ALTER TABLE plans ADD COLUMN expires_at numeric(12,2);

-- NOTE: statement_timeout is set by the runner; nothing to do here
CREATE TABLE IF NOT EXISTS courses (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    region text NOT NULL DEFAULT 'untitled',
    starts_at text NOT NULL DEFAULT '',
    score interval NOT NULL DEFAULT interval '1 day',
    body integer NOT NULL,
    email jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT courses_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS courses_account_id_idx ON courses (account_id);
COMMENT ON TABLE courses IS 'multi
line; string';
GRANT SELECT, INSERT, UPDATE, DELETE ON courses TO migrator;

-- NOTE: statement_timeout is set by the runner; nothing to do here
DROP FUNCTION IF EXISTS calendars_touch() CASCADE;
DROP TABLE IF EXISTS legacy_addresses CASCADE;
DROP TYPE IF EXISTS legacy_state_4;
DROP INDEX IF EXISTS teams_old_idx;
DROP VIEW IF EXISTS legacy_view_3;
