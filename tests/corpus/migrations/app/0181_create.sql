-- keep this idempotent; it runs on every deploy
CREATE TABLE sla_policies (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    version double precision NOT NULL DEFAULT 0,
    score inet,
    checksum bigint NOT NULL,
    summary jsonb,
    archived bigint NOT NULL,
    color uuid NOT NULL,
    title text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS sla_policies_account_id_idx ON sla_policies (account_id);
COMMENT ON TABLE sla_policies IS 'naïve café; crème brûlée';
GRANT SELECT, INSERT, UPDATE, DELETE ON sla_policies TO app_rw;
