/* block comment; with a semicolon */
DO $do$
DECLARE
    r record;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_ro') THEN
        CREATE ROLE app_ro NOLOGIN;
    END IF;
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('GRANT SELECT ON %I TO app_ro; -- per table', r.tablename);
    END LOOP;
    PERFORM 1 FROM "注文履歴" LIMIT 1; -- touch; fine
END
$do$ LANGUAGE plpgsql;
