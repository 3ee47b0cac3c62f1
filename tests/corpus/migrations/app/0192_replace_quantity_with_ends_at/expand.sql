-- expand: add ends_at next to quantity; both apps keep working
ALTER TABLE contracts ADD COLUMN IF NOT EXISTS ends_at text;
CREATE OR REPLACE FUNCTION contracts_sync_ends_at() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.ends_at := COALESCE(NEW.ends_at, NEW.quantity::text); -- old app writes quantity; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER contracts_sync_ends_at BEFORE INSERT OR UPDATE ON contracts
    FOR EACH ROW EXECUTE FUNCTION contracts_sync_ends_at();
