-- renaming breaks the old app; see the phased migrations for the safe way
ALTER TABLE reports RENAME COLUMN amount TO balance;

CREATE OR REPLACE FUNCTION bookings_4_touch() RETURNS trigger
LANGUAGE plpgsql AS $trigger$
BEGIN
    -- keep updated_at fresh; safe
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', NEW.id;
    RETURN NEW;
END;
$trigger$;
DROP TRIGGER IF EXISTS bookings_4_touch ON bookings_4;
CREATE TRIGGER bookings_4_touch
    BEFORE UPDATE ON bookings_4
    FOR EACH ROW EXECUTE FUNCTION bookings_4_touch();

CREATE OR REPLACE FUNCTION bookings_4_audit() RETURNS trigger AS $audit$
DECLARE
    payload jsonb;
BEGIN
    payload := to_jsonb(COALESCE(NEW, OLD));
    EXECUTE format($q$INSERT INTO audit_log (table_name, op, row_data) VALUES (%L, %L, %L)$q$,
                   TG_TABLE_NAME, TG_OP, payload);
    RETURN NULL; -- AFTER trigger; result ignored
END
$audit$ LANGUAGE plpgsql SECURITY DEFINER;
DROP TRIGGER IF EXISTS bookings_4_audit ON bookings_4;
CREATE TRIGGER bookings_4_audit AFTER INSERT OR UPDATE OR DELETE ON bookings_4
    FOR EACH ROW EXECUTE PROCEDURE bookings_4_audit();

/* block comment; with a semicolon */
ALTER TABLE lessons ADD COLUMN IF NOT EXISTS balance interval;
ALTER TABLE lessons ADD COLUMN IF NOT EXISTS starts_at integer NOT NULL DEFAULT 1;
