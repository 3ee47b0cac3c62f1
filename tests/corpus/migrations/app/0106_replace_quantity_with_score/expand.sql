-- expand: add score next to quantity; both apps keep working
ALTER TABLE channels ADD COLUMN IF NOT EXISTS score text;
CREATE OR REPLACE FUNCTION channels_sync_score() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.score := COALESCE(NEW.score, NEW.quantity::text); -- old app writes quantity; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER channels_sync_score BEFORE INSERT OR UPDATE ON channels
    FOR EACH ROW EXECUTE FUNCTION channels_sync_score();
