-- Rename customers.name to display_name without breaking the old app.
-- Expand: add the new column and keep both in sync in both directions.
ALTER TABLE customers ADD COLUMN display_name text;

-- the new app writes only display_name: the trigger fills name for the old app
ALTER TABLE customers ALTER COLUMN name DROP NOT NULL;

CREATE FUNCTION customers_sync_display_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.display_name := COALESCE(NEW.display_name, NEW.name);
        NEW.name := COALESCE(NEW.name, NEW.display_name);
    ELSIF NEW.name IS DISTINCT FROM OLD.name THEN
        NEW.display_name := NEW.name;
    ELSIF NEW.display_name IS DISTINCT FROM OLD.display_name THEN
        NEW.name := NEW.display_name;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER customers_sync_display_name
    BEFORE INSERT OR UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION customers_sync_display_name();
