-- expand: add quantity next to during; both apps keep working
ALTER TABLE bookings_4 ADD COLUMN IF NOT EXISTS quantity text;
CREATE OR REPLACE FUNCTION bookings_4_sync_quantity() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.quantity := COALESCE(NEW.quantity, NEW.during::text); -- old app writes during; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER bookings_4_sync_quantity BEFORE INSERT OR UPDATE ON bookings_4
    FOR EACH ROW EXECUTE FUNCTION bookings_4_sync_quantity();
