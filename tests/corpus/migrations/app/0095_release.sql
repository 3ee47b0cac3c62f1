GRANT USAGE ON SCHEMA public TO reporting;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reporting;
REVOKE DELETE ON order_items FROM migrator;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO reporting;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'job_state_2') THEN
        EXECUTE 'CREATE TYPE job_state_2 AS ENUM (''done'', ''draft'', ''paused'', ''active'', ''archived'')';
    END IF;
END
$$;
CREATE TYPE job_state_2_v2 AS ENUM ('done', 'draft', 'paused', 'active', 'archived');

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS payouts_created_at_updated_at_idx
    ON payouts USING btree (created_at, updated_at);
ANALYZE payouts;
