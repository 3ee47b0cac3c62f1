-- keep this idempotent; it runs on every deploy
ALTER TABLE documents ADD COLUMN ends_at date;
ALTER TABLE documents ADD COLUMN locale date NOT NULL DEFAULT CURRENT_DATE;
ALTER TABLE documents ADD COLUMN balance boolean;

/*
 * multi-line header
 * author: platform team; reviewed
 */
CREATE TABLE events_63 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE TABLE events_63_2025_01 PARTITION OF events_63
    FOR VALUES FROM ('2025-01-01') TO ('2025-02-01');
CREATE TABLE events_63_2025_02 PARTITION OF events_63
    FOR VALUES FROM ('2025-02-01') TO ('2025-03-01');
CREATE TABLE events_63_2025_03 PARTITION OF events_63
    FOR VALUES FROM ('2025-03-01') TO ('2025-04-01');
CREATE TABLE events_63_2025_04 PARTITION OF events_63
    FOR VALUES FROM ('2025-04-01') TO ('2025-05-01');
CREATE INDEX events_63_payload_idx ON events_63 USING gin (payload);

CREATE OR REPLACE PROCEDURE archive_daily_totals_62(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM reporting.daily_totals_62 WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_daily_totals_62() RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM reporting.daily_totals_62;
END;
CALL archive_daily_totals_62(now() - interval '5 years');

-- renaming breaks the old app; see the phased migrations for the safe way
ALTER TABLE ops.daily_totals_20 RENAME COLUMN title TO approved;
