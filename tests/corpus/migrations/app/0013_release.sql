CREATE OR REPLACE PROCEDURE archive_attachments(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM attachments WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_attachments() RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM attachments;
END;
CALL archive_attachments(now() - interval '5 years');

/*
 * multi-line header
 * author: platform team; reviewed
 */
DO $do$
DECLARE
    r record;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'migrator') THEN
        CREATE ROLE migrator NOLOGIN;
    END IF;
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('GRANT SELECT ON %I TO migrator; -- per table', r.tablename);
    END LOOP;
    PERFORM 1 FROM reports LIMIT 1; -- touch; fine
END
$do$ LANGUAGE plpgsql;

-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS metrics_7_2023_04
    (LIKE metrics_7 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE metrics_7_2023_04 ADD CONSTRAINT metrics_7_2023_04_bounds
    CHECK (occurred_at >= '2023-04-01' AND occurred_at < '2023-05-01');
ALTER TABLE metrics_7 ATTACH PARTITION metrics_7_2023_04
    FOR VALUES FROM ('2023-04-01') TO ('2023-05-01');
ALTER TABLE metrics_7_2023_04 DROP CONSTRAINT metrics_7_2023_04_bounds;
ALTER TABLE metrics_7 DETACH PARTITION metrics_7_2023_01;
DROP TABLE IF EXISTS metrics_7_2023_01;

-- keep this idempotent; it runs on every deploy
CREATE TABLE IF NOT EXISTS inventory_items (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    quantity inet,
    phone text[],
    approved numeric(12,2) NOT NULL DEFAULT 0.00,
    title text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS inventory_items_account_id_idx ON inventory_items (account_id);
COMMENT ON TABLE inventory_items IS $note$tagged; $$ inside$note$;
COMMENT ON COLUMN inventory_items.created_at IS 'When the row was inserted; UTC';

ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE reports FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS reports_tenant ON reports;
CREATE POLICY reports_tenant ON reports
    FOR ALL TO app_rw
    USING (account_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (account_id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS reports_read ON reports;
CREATE POLICY reports_read ON reports AS PERMISSIVE FOR SELECT USING (true);

-- ünïcödé comment — “quoted”; fine
CREATE TABLE leads (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status smallint NOT NULL DEFAULT 1,
    external_ref char(3) NOT NULL DEFAULT 'EUR',
    rating timestamptz,
    starts_at smallint NOT NULL DEFAULT 1,
    body smallint,
    ends_at text,
    currency date NOT NULL DEFAULT CURRENT_DATE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS leads_account_id_idx ON leads (account_id);
COMMENT ON TABLE leads IS 'Grüße aus Köln; 東京 👋';
COMMENT ON COLUMN leads.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON leads TO reporting;
