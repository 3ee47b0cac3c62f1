-- one migration, three phases, one file
-- expandcontract: phase expand
-- expand: add approved next to label; both apps keep working
ALTER TABLE devices ADD COLUMN IF NOT EXISTS approved text;
CREATE OR REPLACE FUNCTION devices_sync_approved() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.approved := COALESCE(NEW.approved, NEW.label::text); -- old app writes label; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER devices_sync_approved BEFORE INSERT OR UPDATE ON devices
    FOR EACH ROW EXECUTE FUNCTION devices_sync_approved();

-- expandcontract: phase contract
-- contract: the old app is gone
DROP TRIGGER IF EXISTS devices_sync_approved ON devices;
DROP FUNCTION IF EXISTS devices_sync_approved();
ALTER TABLE devices DROP COLUMN IF EXISTS label;
