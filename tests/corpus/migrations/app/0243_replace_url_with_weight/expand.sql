-- expand: add weight next to url; both apps keep working
ALTER TABLE sensors ADD COLUMN IF NOT EXISTS weight text;
CREATE OR REPLACE FUNCTION sensors_sync_weight() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.weight := COALESCE(NEW.weight, NEW.url::text); -- old app writes url; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER sensors_sync_weight BEFORE INSERT OR UPDATE ON sensors
    FOR EACH ROW EXECUTE FUNCTION sensors_sync_weight();
