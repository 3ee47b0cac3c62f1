-- expand: add quantity next to starts_at; both apps keep working
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS quantity text;
CREATE OR REPLACE FUNCTION api_keys_sync_quantity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.quantity := COALESCE(NEW.quantity, NEW.starts_at::text); -- old app writes starts_at; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER api_keys_sync_quantity BEFORE INSERT OR UPDATE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION api_keys_sync_quantity();
