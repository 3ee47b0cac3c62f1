ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE reviews FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS reviews_tenant ON reviews;
CREATE POLICY reviews_tenant ON reviews
    FOR ALL TO app_ro
    USING (id::text = current_setting('app.tenant_id', true))
    WITH CHECK (id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS reviews_read ON reviews;
CREATE POLICY reviews_read ON reviews AS PERMISSIVE FOR SELECT USING (true);

GRANT USAGE ON SCHEMA public TO migrator;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO migrator;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO migrator;
REVOKE DELETE ON reports FROM migrator;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO migrator;

ALTER TABLE addresses ENABLE ROW LEVEL SECURITY;
ALTER TABLE addresses FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS addresses_tenant ON addresses;
CREATE POLICY addresses_tenant ON addresses
    FOR ALL TO app_rw
    USING (account_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (account_id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS addresses_read ON addresses;
CREATE POLICY addresses_read ON addresses AS PERMISSIVE FOR SELECT USING (true);

ALTER TABLE bookings_31 ADD COLUMN IF NOT EXISTS bookings_15_ref bigint;
ALTER TABLE bookings_31 ADD CONSTRAINT bookings_31_bookings_15_fk
    FOREIGN KEY (bookings_15_ref) REFERENCES bookings_15 (id) NOT VALID;
ALTER TABLE bookings_31 VALIDATE CONSTRAINT bookings_31_bookings_15_fk;

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
    PERFORM 1 FROM refunds LIMIT 1; -- touch; ok
END
$do$ LANGUAGE plpgsql;
