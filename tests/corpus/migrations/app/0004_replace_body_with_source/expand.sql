-- expand: add source next to body; both apps keep working
ALTER TABLE plans ADD COLUMN IF NOT EXISTS source text;
CREATE OR REPLACE FUNCTION plans_sync_source() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.source := COALESCE(NEW.source, NEW.body::text); -- old app writes body; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER plans_sync_source BEFORE INSERT OR UPDATE ON plans
    FOR EACH ROW EXECUTE FUNCTION plans_sync_source();
