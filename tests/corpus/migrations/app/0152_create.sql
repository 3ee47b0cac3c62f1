-- NOTE: statement_timeout is set by the runner; nothing to do here
CREATE TABLE teams (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status varchar(120) NOT NULL DEFAULT 'n/a' UNIQUE,
    priority boolean NOT NULL DEFAULT false,
    summary integer CHECK (summary >= 0),
    title text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT teams_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS teams_account_id_idx ON teams (account_id);
COMMENT ON TABLE teams IS 'O''Reilly; DROP TABLE users; --';
