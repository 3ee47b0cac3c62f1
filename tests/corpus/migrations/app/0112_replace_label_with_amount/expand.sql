-- expand: add amount next to label; both apps keep working
ALTER TABLE channels ADD COLUMN IF NOT EXISTS amount text;
CREATE OR REPLACE FUNCTION channels_sync_amount() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.amount := COALESCE(NEW.amount, NEW.label::text); -- old app writes label; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER channels_sync_amount BEFORE INSERT OR UPDATE ON channels
    FOR EACH ROW EXECUTE FUNCTION channels_sync_amount();
