-- one migration, three phases, one file
-- expandcontract: phase expand
-- expand: add timezone next to locale; both apps keep working
ALTER TABLE schedules ADD COLUMN IF NOT EXISTS timezone text;
CREATE OR REPLACE FUNCTION schedules_sync_timezone() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.timezone := COALESCE(NEW.timezone, NEW.locale::text); -- old app writes locale; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER schedules_sync_timezone BEFORE INSERT OR UPDATE ON schedules
    FOR EACH ROW EXECUTE FUNCTION schedules_sync_timezone();

-- expandcontract: phase migrate
-- migrate: backfill in batches, each its own short transaction
UPDATE schedules SET timezone = locale::text
WHERE id IN (SELECT id FROM schedules WHERE timezone IS NULL AND locale IS NOT NULL LIMIT 1000);
UPDATE schedules SET timezone = locale::text
WHERE id IN (SELECT id FROM schedules WHERE timezone IS NULL AND locale IS NOT NULL LIMIT 1000);

-- expandcontract: phase contract
-- contract: the old app is gone
DROP TRIGGER IF EXISTS schedules_sync_timezone ON schedules;
DROP FUNCTION IF EXISTS schedules_sync_timezone();
ALTER TABLE schedules DROP COLUMN IF EXISTS locale;
