-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS documents_balance_account_id_idx
    ON documents USING btree (balance, account_id);

/*
 * multi-line header
 * author: platform team; reviewed
 */
CREATE TABLE taggings (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status timestamptz NOT NULL,
    notes uuid NOT NULL DEFAULT gen_random_uuid(),
    position bigint,
    tax_rate text[] NOT NULL DEFAULT '{}',
    checksum numeric(12,2) NOT NULL DEFAULT 0,
    net_cents bigint NOT NULL DEFAULT 0,
    net_amount numeric(14,2) GENERATED ALWAYS AS (net_cents / 100.0) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT taggings_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS taggings_account_id_idx ON taggings (account_id);
COMMENT ON TABLE taggings IS $$dollar; 'quoted' text$$;
COMMENT ON COLUMN taggings.created_at IS 'When the row was inserted; UTC';
