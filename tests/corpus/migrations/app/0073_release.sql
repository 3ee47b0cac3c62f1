-- ünïcödé comment — “quoted”; fine
ALTER TABLE locations ADD COLUMN IF NOT EXISTS locale char(3);
ALTER TABLE locations ADD COLUMN IF NOT EXISTS status jsonb NOT NULL DEFAULT '{}'::jsonb;

/* nested /* comment; inner */ still a comment; */
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
    PERFORM 1 FROM bookings_34 LIMIT 1; -- touch; ok
END
$do$ LANGUAGE plpgsql;

/* nested /* comment; inner */ still a comment; */
DROP FUNCTION IF EXISTS inventory_items_touch() CASCADE;
DROP TABLE IF EXISTS legacy_taggings CASCADE;
DROP TYPE IF EXISTS legacy_state_2;
DROP INDEX IF EXISTS attachments_old_idx;
DROP VIEW IF EXISTS legacy_view_5;
