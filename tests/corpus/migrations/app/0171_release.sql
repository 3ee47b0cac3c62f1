-- ADD VALUE cannot be used in the same transaction as the new value
ALTER TYPE job_state_3 ADD VALUE IF NOT EXISTS 'réouvert' AFTER 'failed';

CREATE OR REPLACE PROCEDURE archive_daily_totals_20(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM ops.daily_totals_20 WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_daily_totals_20() RETURNS bigint
LANGUAGE sql STABLE AS 'SELECT count(*) FROM ops.daily_totals_20';
CALL archive_daily_totals_20(now() - interval '5 years');
