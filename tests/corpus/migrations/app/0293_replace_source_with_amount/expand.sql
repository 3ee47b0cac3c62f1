-- expand: add amount next to source; both apps keep working
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS amount text;
CREATE OR REPLACE FUNCTION tickets_sync_amount() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.amount := COALESCE(NEW.amount, NEW.source::text); -- old app writes source; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER tickets_sync_amount BEFORE INSERT OR UPDATE ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_sync_amount();
