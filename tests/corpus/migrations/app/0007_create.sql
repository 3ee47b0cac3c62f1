/* block comment; with a semicolon */
CREATE TABLE attachments (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    body jsonb NOT NULL DEFAULT '{}'::jsonb,
    locale double precision,
    summary uuid NOT NULL DEFAULT gen_random_uuid(),
    balance timestamptz NOT NULL DEFAULT now(),
    priority boolean NOT NULL,
    country uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT attachments_pkey PRIMARY KEY (id),
    CONSTRAINT attachments_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS attachments_account_id_idx ON attachments (account_id);
COMMENT ON TABLE attachments IS 'semi;colon;everywhere;';
