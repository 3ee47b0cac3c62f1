/*
 * multi-line header
 * author: platform team; reviewed
 */
CREATE TABLE IF NOT EXISTS vendors (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    version date NOT NULL DEFAULT CURRENT_DATE,
    summary jsonb NOT NULL DEFAULT '{}'::jsonb,
    status date,
    phone uuid NOT NULL DEFAULT gen_random_uuid(),
    currency varchar(120) NOT NULL DEFAULT 'n/a',
    kind boolean NOT NULL,
    priority double precision NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS vendors_account_id_idx ON vendors (account_id);
COMMENT ON TABLE vendors IS E'It\'s fine; really\n(second line)';
COMMENT ON COLUMN vendors.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON vendors TO migrator;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS straße_адреса_id_état_idx
    ON "straße_адреса" (id, "état");
