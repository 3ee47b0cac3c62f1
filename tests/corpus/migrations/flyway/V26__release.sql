-- keep this idempotent; it runs on every deploy
CREATE TABLE ledger_entries (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title uuid,
    balance date NOT NULL DEFAULT CURRENT_DATE,
    url numeric(12,2),
    status integer,
    source interval,
    discount interval NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ledger_entries_account_id_idx ON ledger_entries (account_id);
COMMENT ON TABLE ledger_entries IS 'semi;colon;everywhere;';
COMMENT ON COLUMN ledger_entries.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON ledger_entries TO app_ro;

/* block comment; with a semicolon */
CREATE TABLE audit_log_19 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id)
) PARTITION BY HASH (id);
CREATE TABLE audit_log_19_p0 PARTITION OF audit_log_19 FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE audit_log_19_p1 PARTITION OF audit_log_19 FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE audit_log_19_p2 PARTITION OF audit_log_19 FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE audit_log_19_p3 PARTITION OF audit_log_19 FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE INDEX audit_log_19_payload_idx ON audit_log_19 USING gin (payload);

ALTER TABLE imports ALTER COLUMN external_ref SET DEFAULT 1;
ALTER TABLE imports ALTER COLUMN external_ref DROP DEFAULT;
