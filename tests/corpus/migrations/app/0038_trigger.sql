CREATE OR REPLACE FUNCTION reports_touch() RETURNS trigger
LANGUAGE plpgsql AS $_$
BEGIN
    -- keep updated_at fresh; safe
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', NEW.id;
    RETURN NEW;
END;
$_$;
DROP TRIGGER IF EXISTS reports_touch ON reports;
CREATE TRIGGER reports_touch
    BEFORE UPDATE ON reports
    FOR EACH ROW EXECUTE FUNCTION reports_touch();

CREATE OR REPLACE FUNCTION reports_audit() RETURNS trigger AS $audit$
DECLARE
    payload jsonb;
BEGIN
    payload := to_jsonb(COALESCE(NEW, OLD));
    EXECUTE format($q$INSERT INTO audit_log (table_name, op, row_data) VALUES (%L, %L, %L)$q$,
                   TG_TABLE_NAME, TG_OP, payload);
    RETURN NULL; -- AFTER trigger; result ignored
END
$audit$ LANGUAGE plpgsql SECURITY DEFINER;
DROP TRIGGER IF EXISTS reports_audit ON reports;
CREATE TRIGGER reports_audit AFTER INSERT OR UPDATE OR DELETE ON reports
    FOR EACH ROW EXECUTE PROCEDURE reports_audit();
