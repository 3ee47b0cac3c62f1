CREATE OR REPLACE PROCEDURE archive_attachments(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM attachments WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_attachments() RETURNS bigint
LANGUAGE sql STABLE AS 'SELECT count(*) FROM attachments';
CALL archive_attachments(now() - interval '5 years');
