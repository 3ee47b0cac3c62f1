-- Expand: add full_name next to name and keep the two in sync, so both apps can run.
ALTER TABLE users ADD COLUMN full_name text;

-- the new app writes only full_name: the trigger fills name for the old app
ALTER TABLE users ALTER COLUMN name DROP NOT NULL;

CREATE FUNCTION users_sync_full_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.full_name := COALESCE(NEW.full_name, NEW.name);
        NEW.name := COALESCE(NEW.name, NEW.full_name);
    ELSIF NEW.name IS DISTINCT FROM OLD.name THEN
        NEW.full_name := NEW.name;
    ELSIF NEW.full_name IS DISTINCT FROM OLD.full_name THEN
        NEW.name := NEW.full_name;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER users_sync_full_name
    BEFORE INSERT OR UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION users_sync_full_name();
