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
    PERFORM 1 FROM tickets LIMIT 1; -- touch; ok
END
$do$ LANGUAGE plpgsql;

-- ünïcödé comment — “quoted”; fine
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS "btree_gist";

-- NOTE: statement_timeout is set by the runner; nothing to do here
CREATE TABLE documents (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    status tstzrange,
    region timestamptz,
    external_ref char(3),
    expires_at date,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT documents_dates_check CHECK (updated_at >= created_at)
);
COMMENT ON TABLE documents IS '$$ not a dollar quote $$';
COMMENT ON COLUMN documents.created_at IS 'When the row was inserted; UTC';
