/* block comment; with a semicolon */
DO $do$
DECLARE
    r record;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_rw') THEN
        CREATE ROLE app_rw NOLOGIN;
    END IF;
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('GRANT SELECT ON %I TO app_rw; -- per table', r.tablename);
    END LOOP;
    PERFORM 1 FROM plans LIMIT 1; -- touch; fine
END
$do$ LANGUAGE plpgsql;
