-- keep this idempotent; it runs on every deploy
CREATE TABLE lessons (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    ends_at uuid NOT NULL DEFAULT gen_random_uuid(),
    url bytea NOT NULL,
    tax_rate tstzrange NOT NULL,
    weight tstzrange,
    summary date,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS lessons_account_id_idx ON lessons (account_id);
COMMENT ON TABLE lessons IS 'O''Reilly; DROP TABLE users; --';
COMMENT ON COLUMN lessons.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON lessons TO migrator;
