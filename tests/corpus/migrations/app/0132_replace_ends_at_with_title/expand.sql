-- expand: add title next to ends_at; both apps keep working
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS title text;
CREATE OR REPLACE FUNCTION accounts_sync_title() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.title := COALESCE(NEW.title, NEW.ends_at::text); -- old app writes ends_at; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER accounts_sync_title BEFORE INSERT OR UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION accounts_sync_title();
