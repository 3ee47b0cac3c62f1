-- TODO(ops): revisit once the backfill is done
ALTER TABLE suppliers ADD COLUMN IF NOT EXISTS external_ref boolean NOT NULL DEFAULT true;
ALTER TABLE suppliers ADD COLUMN region double precision;
ALTER TABLE suppliers
    ADD COLUMN timezone text,
    ADD COLUMN timezone_at timestamptz;

CREATE DOMAIN email_5 AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$');
CREATE DOMAIN positive_amount_5 AS numeric(12,2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE TYPE money_5 AS (amount numeric(12,2), currency char(3));
ALTER DOMAIN email_5 ADD CONSTRAINT email_5_len CHECK (length(VALUE) < 320) NOT VALID;
ALTER DOMAIN email_5 VALIDATE CONSTRAINT email_5_len;

CREATE OR REPLACE VIEW active_addresses AS
SELECT body, updated_at, created_at
FROM addresses
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_addresses OWNER TO app_ro;
CREATE MATERIALIZED VIEW IF NOT EXISTS addresses_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM addresses
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS addresses_daily_stats_day_idx ON addresses_daily_stats (day);
REFRESH MATERIALIZED VIEW addresses_daily_stats;
REFRESH MATERIALIZED VIEW CONCURRENTLY products_daily_stats;
DROP VIEW IF EXISTS active_webhooks;

-- keep this idempotent; it runs on every deploy
CREATE TABLE IF NOT EXISTS orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id integer NOT NULL REFERENCES payments (id) ON DELETE CASCADE,
    discount jsonb NOT NULL,
    due_on integer NOT NULL DEFAULT 0 CHECK (due_on >= 0),
    url interval NOT NULL DEFAULT interval '1 day',
    title text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED,
    net_cents bigint NOT NULL DEFAULT 0,
    net_amount numeric(14,2) GENERATED ALWAYS AS (net_cents / 100.0) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orders_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS orders_payment_id_idx ON orders (payment_id);
COMMENT ON TABLE orders IS 'multi
line; string';
COMMENT ON COLUMN orders.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON orders TO app_ro;
