CREATE OR REPLACE PROCEDURE archive_projects(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM projects WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_projects() RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM projects;
END;
CALL archive_projects(now() - interval '5 years');

UPDATE suppliers SET locale = '{}'::jsonb WHERE locale IS NULL; -- backfill first
ALTER TABLE suppliers ADD CONSTRAINT suppliers_locale_nn_check CHECK (locale IS NOT NULL) NOT VALID;
ALTER TABLE suppliers VALIDATE CONSTRAINT suppliers_locale_nn_check;
ALTER TABLE suppliers ALTER COLUMN locale SET NOT NULL;
ALTER TABLE suppliers DROP CONSTRAINT suppliers_locale_nn_check;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS suppliers_locale_key_idx ON suppliers (locale);
ALTER TABLE suppliers ADD CONSTRAINT suppliers_locale_uniq UNIQUE USING INDEX suppliers_locale_key_idx;

-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS audit_log_30_2023_04
    (LIKE audit_log_30 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE audit_log_30_2023_04 ADD CONSTRAINT audit_log_30_2023_04_bounds
    CHECK (occurred_at >= '2023-04-01' AND occurred_at < '2023-05-01');
ALTER TABLE audit_log_30 ATTACH PARTITION audit_log_30_2023_04
    FOR VALUES FROM ('2023-04-01') TO ('2023-05-01');
ALTER TABLE audit_log_30_2023_04 DROP CONSTRAINT audit_log_30_2023_04_bounds;
ALTER TABLE audit_log_30 DETACH PARTITION audit_log_30_2023_01;
DROP TABLE IF EXISTS audit_log_30_2023_01;

-- ünïcödé comment — “quoted”; fine
ALTER TABLE channels ADD COLUMN IF NOT EXISTS balance integer;

-- NOTE: statement_timeout is set by the runner; nothing to do here
CREATE TABLE page_views_38 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
CREATE TABLE page_views_38_eu PARTITION OF page_views_38 FOR VALUES IN ('eu');
CREATE TABLE page_views_38_us PARTITION OF page_views_38 FOR VALUES IN ('us');
CREATE TABLE page_views_38_apac PARTITION OF page_views_38 FOR VALUES IN ('apac');
CREATE INDEX page_views_38_payload_idx ON page_views_38 USING gin (payload);

/* block comment; with a semicolon */
CREATE TABLE orders (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    metadata boolean NOT NULL DEFAULT true,
    visibility double precision,
    summary bytea NOT NULL,
    region varchar(120) NOT NULL DEFAULT 'n/a',
    reference jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS orders_account_id_idx ON orders (account_id);
COMMENT ON TABLE orders IS '/* not a comment */ -- nor this;';
