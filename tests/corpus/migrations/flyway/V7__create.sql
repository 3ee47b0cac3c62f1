-- NOTE: statement_timeout is set by the runner; nothing to do here
CREATE TABLE channels (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    country date NOT NULL DEFAULT CURRENT_DATE,
    weight tstzrange,
    reference bigint NOT NULL DEFAULT 0,
    metadata numeric(12,2),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS channels_account_id_idx ON channels (account_id);
COMMENT ON TABLE channels IS $note$tagged; $$ inside$note$;
GRANT SELECT, INSERT, UPDATE, DELETE ON channels TO reporting;
