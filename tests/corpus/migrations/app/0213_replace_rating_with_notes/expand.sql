-- expand: add notes next to rating; both apps keep working
ALTER TABLE campaigns ADD COLUMN IF NOT EXISTS notes text;
CREATE OR REPLACE FUNCTION campaigns_sync_notes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.notes := COALESCE(NEW.notes, NEW.rating::text); -- old app writes rating; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER campaigns_sync_notes BEFORE INSERT OR UPDATE ON campaigns
    FOR EACH ROW EXECUTE FUNCTION campaigns_sync_notes();
