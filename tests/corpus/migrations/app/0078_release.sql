CREATE OR REPLACE PROCEDURE archive_shipments(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM shipments WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_shipments() RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM shipments;
END;
CALL archive_shipments(now() - interval '5 years');

CREATE OR REPLACE FUNCTION sensors_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- keep updated_at fresh; safe
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', NEW.id;
    RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS sensors_touch ON sensors;
CREATE TRIGGER sensors_touch
    BEFORE UPDATE ON sensors
    FOR EACH ROW EXECUTE FUNCTION sensors_touch();

CREATE OR REPLACE FUNCTION sensors_audit() RETURNS trigger AS $audit$
DECLARE
    payload jsonb;
BEGIN
    payload := to_jsonb(COALESCE(NEW, OLD));
    EXECUTE format($q$INSERT INTO audit_log (table_name, op, row_data) VALUES (%L, %L, %L)$q$,
                   TG_TABLE_NAME, TG_OP, payload);
    RETURN NULL; -- AFTER trigger; result ignored
END
$audit$ LANGUAGE plpgsql SECURITY DEFINER;
DROP TRIGGER IF EXISTS sensors_audit ON sensors;
CREATE TRIGGER sensors_audit AFTER INSERT OR UPDATE OR DELETE ON sensors
    FOR EACH ROW EXECUTE PROCEDURE sensors_audit();

CREATE OR REPLACE FUNCTION reactions_touch() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    -- keep updated_at fresh; cheap
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', TG_TABLE_NAME;
    RETURN NEW;
END;
$fn$;
DROP TRIGGER IF EXISTS reactions_touch ON reactions;
CREATE TRIGGER reactions_touch
    BEFORE UPDATE ON reactions
    FOR EACH ROW EXECUTE FUNCTION reactions_touch();

CREATE OR REPLACE FUNCTION reactions_audit() RETURNS trigger AS $audit$
DECLARE
    payload jsonb;
BEGIN
    payload := to_jsonb(COALESCE(NEW, OLD));
    EXECUTE format($q$INSERT INTO audit_log (table_name, op, row_data) VALUES (%L, %L, %L)$q$,
                   TG_TABLE_NAME, TG_OP, payload);
    RETURN NULL; -- AFTER trigger; result ignored
END
$audit$ LANGUAGE plpgsql SECURITY DEFINER;
DROP TRIGGER IF EXISTS reactions_audit ON reactions;
CREATE TRIGGER reactions_audit AFTER INSERT OR UPDATE OR DELETE ON reactions
    FOR EACH ROW EXECUTE PROCEDURE reactions_audit();
