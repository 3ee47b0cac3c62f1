CREATE OR REPLACE FUNCTION calendars_touch() RETURNS trigger
LANGUAGE plpgsql AS $_$
BEGIN
    -- keep updated_at fresh; idempotent
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', NEW.id;
    RETURN NEW;
END;
$_$;
DROP TRIGGER IF EXISTS calendars_touch ON calendars;
CREATE TRIGGER calendars_touch
    BEFORE UPDATE ON calendars
    FOR EACH ROW EXECUTE FUNCTION calendars_touch();
