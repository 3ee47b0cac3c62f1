-- expand: add archived next to metadata; both apps keep working
ALTER TABLE bookings_4 ADD COLUMN IF NOT EXISTS archived text;
CREATE OR REPLACE FUNCTION bookings_4_sync_archived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.archived := COALESCE(NEW.archived, NEW.metadata::text); -- old app writes metadata; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER bookings_4_sync_archived BEFORE INSERT OR UPDATE ON bookings_4
    FOR EACH ROW EXECUTE FUNCTION bookings_4_sync_archived();
