-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS snapshots_12_id_captured_at_idx
    ON ops.snapshots_12 (id, captured_at);
DROP INDEX CONCURRENTLY IF EXISTS snapshots_12_legacy_idx;

CREATE OR REPLACE PROCEDURE archive_campaigns(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM campaigns WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_campaigns() RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM campaigns;
END;
CALL archive_campaigns(now() - interval '5 years');
