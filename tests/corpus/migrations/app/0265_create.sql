-- TODO(ops): revisit once the backfill is done
CREATE TABLE subscriptions_v48 (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    timezone text,
    due_on interval NOT NULL DEFAULT interval '1 day',
    email text[] NOT NULL,
    tax_rate bytea NOT NULL,
    currency bigint,
    priority char(3) NOT NULL,
    slug smallint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS subscriptions_v48_account_id_idx ON subscriptions_v48 (account_id);
COMMENT ON TABLE subscriptions_v48 IS '/* not a comment */ -- nor this;';
