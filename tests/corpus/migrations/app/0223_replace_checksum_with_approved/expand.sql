-- expand: add approved next to checksum; both apps keep working
ALTER TABLE orders_v31 ADD COLUMN IF NOT EXISTS approved text;
CREATE OR REPLACE FUNCTION orders_v31_sync_approved() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.approved := COALESCE(NEW.approved, NEW.checksum::text); -- old app writes checksum; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER orders_v31_sync_approved BEFORE INSERT OR UPDATE ON orders_v31
    FOR EACH ROW EXECUTE FUNCTION orders_v31_sync_approved();
