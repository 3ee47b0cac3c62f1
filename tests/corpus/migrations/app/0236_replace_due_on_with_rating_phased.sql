-- one migration, three phases, one file
-- expandcontract: phase expand
-- expand: add rating next to due_on; both apps keep working
ALTER TABLE bookings_4 ADD COLUMN IF NOT EXISTS rating text;
CREATE OR REPLACE FUNCTION bookings_4_sync_rating() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.rating := COALESCE(NEW.rating, NEW.due_on::text); -- old app writes due_on; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER bookings_4_sync_rating BEFORE INSERT OR UPDATE ON bookings_4
    FOR EACH ROW EXECUTE FUNCTION bookings_4_sync_rating();

-- expandcontract: phase migrate
-- migrate: backfill in batches, each its own short transaction
UPDATE bookings_4 SET rating = due_on::text
WHERE id IN (SELECT id FROM bookings_4 WHERE rating IS NULL AND due_on IS NOT NULL LIMIT 1000);
UPDATE bookings_4 SET rating = due_on::text
WHERE id IN (SELECT id FROM bookings_4 WHERE rating IS NULL AND due_on IS NOT NULL LIMIT 1000);
UPDATE bookings_4 SET rating = due_on::text
WHERE id IN (SELECT id FROM bookings_4 WHERE rating IS NULL AND due_on IS NOT NULL LIMIT 1000);
UPDATE bookings_4 SET rating = due_on::text
WHERE id IN (SELECT id FROM bookings_4 WHERE rating IS NULL AND due_on IS NOT NULL LIMIT 1000);

-- expandcontract: phase contract
-- contract: the old app is gone
DROP TRIGGER IF EXISTS bookings_4_sync_rating ON bookings_4;
DROP FUNCTION IF EXISTS bookings_4_sync_rating();
ALTER TABLE bookings_4 DROP COLUMN IF EXISTS due_on;
