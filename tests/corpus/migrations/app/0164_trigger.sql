CREATE OR REPLACE FUNCTION tickets_touch() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    -- keep updated_at fresh; cheap
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', NEW.id;
    RETURN NEW;
END;
$body$;
DROP TRIGGER IF EXISTS tickets_touch ON tickets;
CREATE TRIGGER tickets_touch
    BEFORE UPDATE ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_touch();
