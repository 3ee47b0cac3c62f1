-- expand: add approved next to summary; both apps keep working
ALTER TABLE refunds ADD COLUMN IF NOT EXISTS approved text;
CREATE OR REPLACE FUNCTION refunds_sync_approved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.approved := COALESCE(NEW.approved, NEW.summary::text); -- old app writes summary; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER refunds_sync_approved BEFORE INSERT OR UPDATE ON refunds
    FOR EACH ROW EXECUTE FUNCTION refunds_sync_approved();
