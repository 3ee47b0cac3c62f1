-- expand: add score next to summary; both apps keep working
ALTER TABLE attachments ADD COLUMN IF NOT EXISTS score text;
CREATE OR REPLACE FUNCTION attachments_sync_score() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.score := COALESCE(NEW.score, NEW.summary::text); -- old app writes summary; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER attachments_sync_score BEFORE INSERT OR UPDATE ON attachments
    FOR EACH ROW EXECUTE FUNCTION attachments_sync_score();
