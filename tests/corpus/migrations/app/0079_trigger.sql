CREATE OR REPLACE FUNCTION lessons_touch() RETURNS trigger
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
DROP TRIGGER IF EXISTS lessons_touch ON lessons;
CREATE TRIGGER lessons_touch
    BEFORE UPDATE ON lessons
    FOR EACH ROW EXECUTE FUNCTION lessons_touch();
