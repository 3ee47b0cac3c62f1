-- expand: add quantity next to version; both apps keep working
ALTER TABLE exports ADD COLUMN IF NOT EXISTS quantity text;
CREATE OR REPLACE FUNCTION exports_sync_quantity() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.quantity := COALESCE(NEW.quantity, NEW.version::text); -- old app writes version; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER exports_sync_quantity BEFORE INSERT OR UPDATE ON exports
    FOR EACH ROW EXECUTE FUNCTION exports_sync_quantity();
