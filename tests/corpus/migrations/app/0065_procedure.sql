CREATE OR REPLACE PROCEDURE archive_bookings_4(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM bookings_4 WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_bookings_4() RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM bookings_4;
END;
CALL archive_bookings_4(now() - interval '5 years');
