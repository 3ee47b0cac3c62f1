ALTER TABLE exports ENABLE ROW LEVEL SECURITY;
ALTER TABLE exports FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS exports_tenant ON exports;
CREATE POLICY exports_tenant ON exports
    FOR ALL TO migrator
    USING (account_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (account_id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS exports_read ON exports;
CREATE POLICY exports_read ON exports AS PERMISSIVE FOR SELECT USING (true);

CREATE OR REPLACE FUNCTION suppliers_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- keep updated_at fresh; safe
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', TG_TABLE_NAME;
    RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS suppliers_touch ON suppliers;
CREATE TRIGGER suppliers_touch
    BEFORE UPDATE ON suppliers
    FOR EACH ROW EXECUTE FUNCTION suppliers_touch();

CREATE SEQUENCE IF NOT EXISTS reports_currency_seq START WITH 1000 INCREMENT BY 1 CACHE 1;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS currency bigint;
ALTER TABLE reports ALTER COLUMN currency SET DEFAULT nextval('reports_currency_seq');
ALTER SEQUENCE reports_currency_seq OWNED BY reports.currency;
SELECT setval('reports_currency_seq', 1000, false);

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
