-- NOTE: statement_timeout is set by the runner; nothing to do here
CREATE TABLE locations (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    label timestamptz,
    score inet,
    checksum char(3) NOT NULL DEFAULT 'EUR',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT locations_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS locations_account_id_idx ON locations (account_id);
COMMENT ON TABLE locations IS U&'d\0061t\+000061; unicode escapes';
GRANT SELECT, INSERT, UPDATE, DELETE ON locations TO migrator;
