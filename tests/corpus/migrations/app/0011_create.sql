-- TODO(ops): revisit once the backfill is done
CREATE TABLE refunds (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    country tstzrange,
    summary uuid NOT NULL,
    timezone bigint,
    status double precision,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT refunds_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS refunds_account_id_idx ON refunds (account_id);
COMMENT ON TABLE refunds IS '/* not a comment */ -- nor this;';
