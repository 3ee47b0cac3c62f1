-- one migration, three phases, one file
-- expandcontract: phase expand
-- expand: add url next to room_id; both apps keep working
ALTER TABLE bookings_93 ADD COLUMN IF NOT EXISTS url text;
CREATE OR REPLACE FUNCTION bookings_93_sync_url() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.url := COALESCE(NEW.url, NEW.room_id::text); -- old app writes room_id; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER bookings_93_sync_url BEFORE INSERT OR UPDATE ON bookings_93
    FOR EACH ROW EXECUTE FUNCTION bookings_93_sync_url();

-- expandcontract: phase migrate
-- migrate: backfill in batches, each its own short transaction
UPDATE bookings_93 SET url = room_id::text
WHERE id IN (SELECT id FROM bookings_93 WHERE url IS NULL AND room_id IS NOT NULL LIMIT 10000);

-- expandcontract: phase contract
-- contract: the old app is gone
DROP TRIGGER IF EXISTS bookings_93_sync_url ON bookings_93;
DROP FUNCTION IF EXISTS bookings_93_sync_url();
ALTER TABLE bookings_93 DROP COLUMN IF EXISTS room_id;
