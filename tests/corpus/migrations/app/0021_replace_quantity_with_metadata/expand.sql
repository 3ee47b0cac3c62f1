-- expand: add metadata next to quantity; both apps keep working
ALTER TABLE bookings_4 ADD COLUMN IF NOT EXISTS metadata text;
CREATE OR REPLACE FUNCTION bookings_4_sync_metadata() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.metadata := COALESCE(NEW.metadata, NEW.quantity::text); -- old app writes quantity; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER bookings_4_sync_metadata BEFORE INSERT OR UPDATE ON bookings_4
    FOR EACH ROW EXECUTE FUNCTION bookings_4_sync_metadata();
