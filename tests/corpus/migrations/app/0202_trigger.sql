CREATE OR REPLACE FUNCTION leads_touch() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    -- keep updated_at fresh; idempotent
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', NEW.id;
    RETURN NEW;
END;
$fn$;
DROP TRIGGER IF EXISTS leads_touch ON leads;
CREATE TRIGGER leads_touch
    BEFORE UPDATE ON leads
    FOR EACH ROW EXECUTE FUNCTION leads_touch();

CREATE OR REPLACE FUNCTION leads_audit() RETURNS trigger AS $audit$
DECLARE
    payload jsonb;
BEGIN
    payload := to_jsonb(COALESCE(NEW, OLD));
    EXECUTE format($q$INSERT INTO audit_log (table_name, op, row_data) VALUES (%L, %L, %L)$q$,
                   TG_TABLE_NAME, TG_OP, payload);
    RETURN NULL; -- AFTER trigger; result ignored
END
$audit$ LANGUAGE plpgsql SECURITY DEFINER;
DROP TRIGGER IF EXISTS leads_audit ON leads;
CREATE TRIGGER leads_audit AFTER INSERT OR UPDATE OR DELETE ON leads
    FOR EACH ROW EXECUTE PROCEDURE leads_audit();
