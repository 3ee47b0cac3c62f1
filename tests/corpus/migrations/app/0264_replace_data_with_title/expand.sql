-- expand: add title next to data; both apps keep working
ALTER TABLE reporting.exports_54 ADD COLUMN IF NOT EXISTS title text;
CREATE OR REPLACE FUNCTION exports_54_sync_title() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.title := COALESCE(NEW.title, NEW.data::text); -- old app writes data; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER exports_54_sync_title BEFORE INSERT OR UPDATE ON reporting.exports_54
    FOR EACH ROW EXECUTE FUNCTION exports_54_sync_title();
