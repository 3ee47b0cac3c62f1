CREATE OR REPLACE PROCEDURE archive_locations(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM locations WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_locations() RETURNS bigint
LANGUAGE sql STABLE AS 'SELECT count(*) FROM locations';
CALL archive_locations(now() - interval '5 years');
