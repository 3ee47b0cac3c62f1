CREATE OR REPLACE PROCEDURE archive_webhooks(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM webhooks WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_webhooks() RETURNS bigint
LANGUAGE sql STABLE AS 'SELECT count(*) FROM webhooks';
CALL archive_webhooks(now() - interval '5 years');
