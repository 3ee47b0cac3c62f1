-- ünïcödé comment — “quoted”; fine
ALTER TABLE refunds ADD COLUMN IF NOT EXISTS quantity bigint NOT NULL DEFAULT 0;
ALTER TABLE refunds ADD COLUMN IF NOT EXISTS checksum tstzrange;
ALTER TABLE refunds ADD COLUMN IF NOT EXISTS url bigint;
ALTER TABLE refunds
    ADD COLUMN locale text,
    ADD COLUMN locale_at timestamptz;

CREATE OR REPLACE PROCEDURE archive_badges(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM badges WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_badges() RETURNS bigint
LANGUAGE sql STABLE AS 'SELECT count(*) FROM badges';
CALL archive_badges(now() - interval '5 years');

/* block comment; with a semicolon */
ALTER TABLE channels ADD COLUMN slug varchar(120) NOT NULL DEFAULT 'n/a';
ALTER TABLE channels ADD COLUMN IF NOT EXISTS expires_at boolean;
ALTER TABLE channels
    ADD COLUMN due_on text,
    ADD COLUMN due_on_at timestamptz;
