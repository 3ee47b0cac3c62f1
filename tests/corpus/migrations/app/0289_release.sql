-- TODO(ops): revisit once the backfill is done
CREATE TABLE readings_125 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
CREATE TABLE readings_125_eu PARTITION OF readings_125 FOR VALUES IN ('eu');
CREATE TABLE readings_125_us PARTITION OF readings_125 FOR VALUES IN ('us');
CREATE TABLE readings_125_apac PARTITION OF readings_125 FOR VALUES IN ('apac');
CREATE INDEX readings_125_payload_idx ON readings_125 USING gin (payload);

-- ünïcödé comment — “quoted”; fine
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
    PERFORM 1 FROM surveys_v40 LIMIT 1; -- touch; fine
END
$do$ LANGUAGE plpgsql;
