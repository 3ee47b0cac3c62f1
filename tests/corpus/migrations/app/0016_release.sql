-- TODO(ops): revisit once the backfill is done
DO $do$
DECLARE
    r record;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'migrator') THEN
        CREATE ROLE migrator NOLOGIN;
    END IF;
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('GRANT SELECT ON %I TO migrator; -- per table', r.tablename);
    END LOOP;
    PERFORM 1 FROM refunds LIMIT 1; -- touch; fine
END
$do$ LANGUAGE plpgsql;

-- TODO(ops): revisit once the backfill is done
ALTER TABLE refunds ADD COLUMN IF NOT EXISTS source timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE refunds ADD COLUMN position date;

-- TODO(ops): revisit once the backfill is done
ALTER TABLE leads ADD COLUMN position smallint;
ALTER TABLE leads ADD COLUMN due_on bytea;
ALTER TABLE leads ADD COLUMN kind double precision;
ALTER TABLE leads
    ADD COLUMN title text,
    ADD COLUMN title_at timestamptz;

CREATE SEQUENCE IF NOT EXISTS plans_checksum_seq START WITH 1000 INCREMENT BY 1 CACHE 1;
ALTER TABLE plans ADD COLUMN IF NOT EXISTS checksum bigint;
ALTER TABLE plans ALTER COLUMN checksum SET DEFAULT nextval('plans_checksum_seq');
ALTER SEQUENCE plans_checksum_seq OWNED BY plans.checksum;
SELECT setval('plans_checksum_seq', 1000, false);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'payment_state_0') THEN
        EXECUTE 'CREATE TYPE payment_state_0 AS ENUM (''done'', ''archived'', ''active'')';
    END IF;
END
$$;
CREATE TYPE payment_state_0_v2 AS ENUM ('done', 'archived', 'active');
