/*
 * multi-line header
 * author: platform team; reviewed
 */
CREATE TABLE sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    phone date NOT NULL,
    discount integer NOT NULL DEFAULT 1 CHECK (discount >= 0),
    color uuid NOT NULL DEFAULT gen_random_uuid(),
    kind date NOT NULL DEFAULT CURRENT_DATE,
    title bytea,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS sessions_account_id_idx ON sessions (account_id);
COMMENT ON TABLE sessions IS E'tab\there; back\\slash';
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO app_rw;
