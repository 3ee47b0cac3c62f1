-- expand: add discount next to country; both apps keep working
ALTER TABLE attachments ADD COLUMN IF NOT EXISTS discount text;
CREATE OR REPLACE FUNCTION attachments_sync_discount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.discount := COALESCE(NEW.discount, NEW.country::text); -- old app writes country; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER attachments_sync_discount BEFORE INSERT OR UPDATE ON attachments
    FOR EACH ROW EXECUTE FUNCTION attachments_sync_discount();
