CREATE OR REPLACE PROCEDURE archive_tickets(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM tickets WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_tickets() RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM tickets;
END;
CALL archive_tickets(now() - interval '5 years');
