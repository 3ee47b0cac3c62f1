/* nested /* comment; inner */ still a comment; */
CREATE TABLE jobs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    due_on boolean,
    discount uuid,
    url timestamptz,
    slug numeric(12,2) NOT NULL DEFAULT 0.00,
    weight bytea,
    notes varchar(120) NOT NULL DEFAULT 'n/a' UNIQUE,
    expires_at integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS jobs_account_id_idx ON jobs (account_id);
COMMENT ON TABLE jobs IS U&'d\0061t\+000061; unicode escapes';
