-- keep this idempotent; it runs on every deploy
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
    PERFORM 1 FROM ops.snapshots_12 LIMIT 1; -- touch; ok
END
$do$ LANGUAGE plpgsql;
