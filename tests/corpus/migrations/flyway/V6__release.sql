-- NOTE: statement_timeout is set by the runner; nothing to do here
CREATE TABLE IF NOT EXISTS tickets (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title double precision NOT NULL DEFAULT 0,
    phone char(3) NOT NULL DEFAULT 'EUR',
    quantity char(3) NOT NULL DEFAULT 'EUR',
    region numeric(12,2),
    color numeric(12,2) NOT NULL DEFAULT 0,
    country smallint,
    archived text NOT NULL DEFAULT 'untitled',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS tickets_account_id_idx ON tickets (account_id);
COMMENT ON TABLE tickets IS 'O''Reilly; DROP TABLE users; --';
COMMENT ON COLUMN tickets.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON tickets TO reporting;

-- renaming breaks the old app; see the phased migrations for the safe way
ALTER TABLE payments RENAME COLUMN color TO visibility;

CREATE DOMAIN email_1 AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$');
CREATE DOMAIN positive_amount_1 AS numeric(12,2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE TYPE money_1 AS (amount numeric(12,2), currency char(3));
ALTER DOMAIN email_1 ADD CONSTRAINT email_1_len CHECK (length(VALUE) < 320) NOT VALID;
ALTER DOMAIN email_1 VALIDATE CONSTRAINT email_1_len;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'review_state_0') THEN
        EXECUTE 'CREATE TYPE review_state_0 AS ENUM (''failed'', ''cancelled'')';
    END IF;
END
$$;
CREATE TYPE review_state_0_v2 AS ENUM ('failed', 'cancelled');

-- ünïcödé comment — “quoted”; fine
CREATE TABLE events_4 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
CREATE TABLE events_4_eu PARTITION OF events_4 FOR VALUES IN ('eu');
CREATE TABLE events_4_us PARTITION OF events_4 FOR VALUES IN ('us');
CREATE TABLE events_4_apac PARTITION OF events_4 FOR VALUES IN ('apac');
CREATE INDEX events_4_payload_idx ON events_4 USING gin (payload);

-- keep this idempotent; it runs on every deploy
DO $do$
DECLARE
    r record;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reporting') THEN
        CREATE ROLE reporting NOLOGIN;
    END IF;
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('GRANT SELECT ON %I TO reporting; -- per table', r.tablename);
    END LOOP;
    PERFORM 1 FROM accounts LIMIT 1; -- touch; fine
END
$do$ LANGUAGE plpgsql;
