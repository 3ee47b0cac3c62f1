-- expand: add rating next to summary; both apps keep working
ALTER TABLE orders ADD COLUMN IF NOT EXISTS rating text;
CREATE OR REPLACE FUNCTION orders_sync_rating() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.rating := COALESCE(NEW.rating, NEW.summary::text); -- old app writes summary; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER orders_sync_rating BEFORE INSERT OR UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_sync_rating();
