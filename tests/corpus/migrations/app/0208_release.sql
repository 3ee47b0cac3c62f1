-- TODO(ops): revisit once the backfill is done
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
    PERFORM 1 FROM accounts LIMIT 1; -- touch; ok
END
$do$ LANGUAGE plpgsql;

-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS readings_61_2024_08
    (LIKE readings_61 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE readings_61_2024_08 ADD CONSTRAINT readings_61_2024_08_bounds
    CHECK (occurred_at >= '2024-08-01' AND occurred_at < '2024-09-01');
ALTER TABLE readings_61 ATTACH PARTITION readings_61_2024_08
    FOR VALUES FROM ('2024-08-01') TO ('2024-09-01');
ALTER TABLE readings_61_2024_08 DROP CONSTRAINT readings_61_2024_08_bounds;
ALTER TABLE readings_61 DETACH PARTITION readings_61_2024_02 CONCURRENTLY;
DROP TABLE IF EXISTS readings_61_2024_02;
