/* block comment; with a semicolon */
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS "btree_gist";

CREATE DOMAIN email_58 AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$');
CREATE DOMAIN positive_amount_58 AS numeric(12,2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE TYPE money_58 AS (amount numeric(12,2), currency char(3));
ALTER DOMAIN email_58 ADD CONSTRAINT email_58_len CHECK (length(VALUE) < 320) NOT VALID;
ALTER DOMAIN email_58 VALIDATE CONSTRAINT email_58_len;

CREATE OR REPLACE VIEW active_ledger_entries_v23 AS
SELECT priority, daily_totals_20_id, discount
FROM ledger_entries_v23
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_ledger_entries_v23 OWNER TO app_rw;
REFRESH MATERIALIZED VIEW CONCURRENTLY vendors_daily_stats;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS taggings_net_amount_notes_idx
    ON taggings USING btree (net_amount, notes) WHERE created_at > '2020-01-01';
ANALYZE taggings;

-- keep this idempotent; it runs on every deploy
ALTER TABLE addresses ADD COLUMN balance jsonb NOT NULL DEFAULT '{}'::jsonb;
