/* block comment; with a semicolon */
CREATE TABLE IF NOT EXISTS comments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    approved tstzrange,
    slug smallint NOT NULL DEFAULT 1,
    source numeric(12,2),
    amount interval,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT comments_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS comments_account_id_idx ON comments (account_id);
COMMENT ON TABLE comments IS 'naïve café; crème brûlée';
COMMENT ON COLUMN comments.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON comments TO app_rw;
