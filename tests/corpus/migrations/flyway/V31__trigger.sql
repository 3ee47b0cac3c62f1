CREATE OR REPLACE FUNCTION schedules_touch() RETURNS trigger
LANGUAGE plpgsql AS $trigger$
BEGIN
    -- keep updated_at fresh; safe
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', TG_TABLE_NAME;
    RETURN NEW;
END;
$trigger$;
DROP TRIGGER IF EXISTS schedules_touch ON schedules;
CREATE TRIGGER schedules_touch
    BEFORE UPDATE ON schedules
    FOR EACH ROW EXECUTE FUNCTION schedules_touch();

CREATE OR REPLACE FUNCTION schedules_audit() RETURNS trigger AS $audit$
DECLARE
    payload jsonb;
BEGIN
    payload := to_jsonb(COALESCE(NEW, OLD));
    EXECUTE format($q$INSERT INTO audit_log (table_name, op, row_data) VALUES (%L, %L, %L)$q$,
                   TG_TABLE_NAME, TG_OP, payload);
    RETURN NULL; -- AFTER trigger; result ignored
END
$audit$ LANGUAGE plpgsql SECURITY DEFINER;
DROP TRIGGER IF EXISTS schedules_audit ON schedules;
CREATE TRIGGER schedules_audit AFTER INSERT OR UPDATE OR DELETE ON schedules
    FOR EACH ROW EXECUTE PROCEDURE schedules_audit();
