-- expand: add tax_rate next to source; both apps keep working
ALTER TABLE plans ADD COLUMN IF NOT EXISTS tax_rate text;
CREATE OR REPLACE FUNCTION plans_sync_tax_rate() RETURNS trigger LANGUAGE plpgsql AS $sync$
BEGIN
    NEW.tax_rate := COALESCE(NEW.tax_rate, NEW.source::text); -- old app writes source; copy it
    RETURN NEW;
END
$sync$;
CREATE TRIGGER plans_sync_tax_rate BEFORE INSERT OR UPDATE ON plans
    FOR EACH ROW EXECUTE FUNCTION plans_sync_tax_rate();
