-- expand: add rating next to expires_at; both apps keep working
ALTER TABLE wallets ADD COLUMN IF NOT EXISTS rating text;
CREATE OR REPLACE FUNCTION wallets_sync_rating() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.rating := COALESCE(NEW.rating, NEW.expires_at::text); -- old app writes expires_at; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER wallets_sync_rating BEFORE INSERT OR UPDATE ON wallets
    FOR EACH ROW EXECUTE FUNCTION wallets_sync_rating();
