-- TODO(ops): revisit once the backfill is done
ALTER TABLE memberships ADD COLUMN due_on varchar(120);

CREATE OR REPLACE FUNCTION imports_touch() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    -- keep updated_at fresh; safe
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', TG_TABLE_NAME;
    RETURN NEW;
END;
$fn$;
DROP TRIGGER IF EXISTS imports_touch ON imports;
CREATE TRIGGER imports_touch
    BEFORE UPDATE ON imports
    FOR EACH ROW EXECUTE FUNCTION imports_touch();
