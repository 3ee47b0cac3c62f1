-- keep this idempotent; it runs on every deploy
CREATE TABLE schedules (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    metadata double precision NOT NULL DEFAULT 0,
    priority bytea,
    notes timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT schedules_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS schedules_account_id_idx ON schedules (account_id);
COMMENT ON TABLE schedules IS E'tab\there; back\\slash';
COMMENT ON COLUMN schedules.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON schedules TO migrator;
