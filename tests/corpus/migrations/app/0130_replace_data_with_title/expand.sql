-- expand: add title next to data; both apps keep working
ALTER TABLE ops.daily_totals_20 ADD COLUMN IF NOT EXISTS title text;
CREATE OR REPLACE FUNCTION daily_totals_20_sync_title() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.title := COALESCE(NEW.title, NEW.data::text); -- old app writes data; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER daily_totals_20_sync_title BEFORE INSERT OR UPDATE ON ops.daily_totals_20
    FOR EACH ROW EXECUTE FUNCTION daily_totals_20_sync_title();
