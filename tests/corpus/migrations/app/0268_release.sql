CREATE OR REPLACE PROCEDURE archive_ledger_entries(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM ledger_entries WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_ledger_entries() RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM ledger_entries;
END;
CALL archive_ledger_entries(now() - interval '5 years');

UPDATE comments SET slug = 1 WHERE slug IS NULL; -- backfill first
ALTER TABLE comments ADD CONSTRAINT comments_slug_nn_check CHECK (slug IS NOT NULL) NOT VALID;
ALTER TABLE comments VALIDATE CONSTRAINT comments_slug_nn_check;
ALTER TABLE comments ALTER COLUMN slug SET NOT NULL;
ALTER TABLE comments DROP CONSTRAINT comments_slug_nn_check;

GRANT USAGE ON SCHEMA public TO app_ro;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO app_ro;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO app_ro;
REVOKE DELETE ON orders FROM migrator;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO app_ro;

-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS readings_61_2024_10
    (LIKE readings_61 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE readings_61_2024_10 ADD CONSTRAINT readings_61_2024_10_bounds
    CHECK (occurred_at >= '2024-10-01' AND occurred_at < '2024-11-01');
ALTER TABLE readings_61 ATTACH PARTITION readings_61_2024_10
    FOR VALUES FROM ('2024-10-01') TO ('2024-11-01');
ALTER TABLE readings_61_2024_10 DROP CONSTRAINT readings_61_2024_10_bounds;
ALTER TABLE readings_61 DETACH PARTITION readings_61_2024_04 CONCURRENTLY;
DROP TABLE IF EXISTS readings_61_2024_04;

UPDATE projects SET amount = 'untitled' WHERE amount IS NULL; -- backfill first
ALTER TABLE projects ADD CONSTRAINT projects_amount_nn_check CHECK (amount IS NOT NULL) NOT VALID;
ALTER TABLE projects VALIDATE CONSTRAINT projects_amount_nn_check;
ALTER TABLE projects ALTER COLUMN amount SET NOT NULL;
ALTER TABLE projects DROP CONSTRAINT projects_amount_nn_check;
