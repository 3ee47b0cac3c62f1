-- one migration, three phases, one file
-- expandcontract: phase expand
-- expand: add url next to due_on; both apps keep working
ALTER TABLE sensors ADD COLUMN IF NOT EXISTS url text;
CREATE OR REPLACE FUNCTION sensors_sync_url() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.url := COALESCE(NEW.url, NEW.due_on::text); -- old app writes due_on; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER sensors_sync_url BEFORE INSERT OR UPDATE ON sensors
    FOR EACH ROW EXECUTE FUNCTION sensors_sync_url();

-- expandcontract: phase migrate
-- migrate: backfill in batches, each its own short transaction
UPDATE sensors SET url = due_on::text
WHERE id IN (SELECT id FROM sensors WHERE url IS NULL AND due_on IS NOT NULL LIMIT 1000);
UPDATE sensors SET url = due_on::text
WHERE id IN (SELECT id FROM sensors WHERE url IS NULL AND due_on IS NOT NULL LIMIT 1000);
UPDATE sensors SET url = due_on::text
WHERE id IN (SELECT id FROM sensors WHERE url IS NULL AND due_on IS NOT NULL LIMIT 1000);

-- expandcontract: phase contract
-- contract: the old app is gone
DROP TRIGGER IF EXISTS sensors_sync_url ON sensors;
DROP FUNCTION IF EXISTS sensors_sync_url();
ALTER TABLE sensors DROP COLUMN IF EXISTS due_on;
