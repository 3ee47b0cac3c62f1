-- expand: add locale next to room_id; both apps keep working
ALTER TABLE bookings_4 ADD COLUMN IF NOT EXISTS locale text;
CREATE OR REPLACE FUNCTION bookings_4_sync_locale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.locale := COALESCE(NEW.locale, NEW.room_id::text); -- old app writes room_id; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER bookings_4_sync_locale BEFORE INSERT OR UPDATE ON bookings_4
    FOR EACH ROW EXECUTE FUNCTION bookings_4_sync_locale();
