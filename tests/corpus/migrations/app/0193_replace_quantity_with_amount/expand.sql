-- expand: add amount next to quantity; both apps keep working
ALTER TABLE exports ADD COLUMN IF NOT EXISTS amount text;
CREATE OR REPLACE FUNCTION exports_sync_amount() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.amount := COALESCE(NEW.amount, NEW.quantity::text); -- old app writes quantity; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER exports_sync_amount BEFORE INSERT OR UPDATE ON exports
    FOR EACH ROW EXECUTE FUNCTION exports_sync_amount();
