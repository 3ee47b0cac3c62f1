-- TODO(ops): revisit once the backfill is done
CREATE TABLE IF NOT EXISTS exports_v43 (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    weight char(3),
    ends_at text,
    rating integer NOT NULL DEFAULT 0 CHECK (rating >= 0),
    region char(3),
    kind char(3) NOT NULL DEFAULT 'EUR',
    approved inet,
    phone varchar(120) UNIQUE,
    net_cents bigint NOT NULL DEFAULT 0,
    net_amount numeric(14,2) GENERATED ALWAYS AS (net_cents / 100.0) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT exports_v43_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS exports_v43_account_id_idx ON exports_v43 (account_id);
COMMENT ON TABLE exports_v43 IS '$$ not a dollar quote $$';
COMMENT ON COLUMN exports_v43.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON exports_v43 TO app_ro;

CREATE DOMAIN email_44 AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$');
CREATE DOMAIN positive_amount_44 AS numeric(12,2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE TYPE money_44 AS (amount numeric(12,2), currency char(3));
ALTER DOMAIN email_44 ADD CONSTRAINT email_44_len CHECK (length(VALUE) < 320) NOT VALID;
ALTER DOMAIN email_44 VALIDATE CONSTRAINT email_44_len;
