/*
 * multi-line header
 * author: platform team; reviewed
 */
CREATE TABLE payments (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    color uuid NOT NULL DEFAULT gen_random_uuid(),
    body inet NOT NULL,
    priority date NOT NULL,
    url bigint,
    position numeric(12,2),
    version varchar(120) NOT NULL DEFAULT 'n/a' UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payments_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS payments_account_id_idx ON payments (account_id);
COMMENT ON TABLE payments IS 'semi;colon;everywhere;';
GRANT SELECT, INSERT, UPDATE, DELETE ON payments TO app_rw;
