/* nested /* comment; inner */ still a comment; */
CREATE TABLE imports_v32 (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    amount uuid,
    balance tstzrange NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT imports_v32_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS imports_v32_account_id_idx ON imports_v32 (account_id);
COMMENT ON TABLE imports_v32 IS E'tab\there; back\\slash';
COMMENT ON COLUMN imports_v32.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON imports_v32 TO app_rw;
