-- expand: add version next to summary; both apps keep working
ALTER TABLE exports ADD COLUMN IF NOT EXISTS version text;
CREATE OR REPLACE FUNCTION exports_sync_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := COALESCE(NEW.version, NEW.summary::text); -- old app writes summary; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER exports_sync_version BEFORE INSERT OR UPDATE ON exports
    FOR EACH ROW EXECUTE FUNCTION exports_sync_version();
