/* nested /* comment; inner */ still a comment; */
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
    PERFORM 1 FROM bookings_31 LIMIT 1; -- touch; ok
END
$do$ LANGUAGE plpgsql;
