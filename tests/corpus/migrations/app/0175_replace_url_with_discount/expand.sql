-- expand: add discount next to url; both apps keep working
ALTER TABLE memberships ADD COLUMN IF NOT EXISTS discount text;
CREATE OR REPLACE FUNCTION memberships_sync_discount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.discount := COALESCE(NEW.discount, NEW.url::text); -- old app writes url; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER memberships_sync_discount BEFORE INSERT OR UPDATE ON memberships
    FOR EACH ROW EXECUTE FUNCTION memberships_sync_discount();
