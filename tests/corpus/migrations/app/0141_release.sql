-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS données_clients_enrollments_ref_idx
    ON "données_clients" (enrollments_ref);
DROP INDEX CONCURRENTLY IF EXISTS données_clients_legacy_idx;

/* nested /* comment; inner */ still a comment; */
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
    PERFORM 1 FROM reports LIMIT 1; -- touch; fine
END
$do$ LANGUAGE plpgsql;
