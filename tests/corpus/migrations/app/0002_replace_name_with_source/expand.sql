-- expand: add source next to name; both apps keep working
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS source text;
CREATE OR REPLACE FUNCTION accounts_sync_source() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.source := COALESCE(NEW.source, NEW.name::text); -- old app writes name; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER accounts_sync_source BEFORE INSERT OR UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION accounts_sync_source();
