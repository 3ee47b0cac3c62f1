-- expand: add currency next to visibility; both apps keep working
ALTER TABLE payouts ADD COLUMN IF NOT EXISTS currency text;
CREATE OR REPLACE FUNCTION payouts_sync_currency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.currency := COALESCE(NEW.currency, NEW.visibility::text); -- old app writes visibility; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER payouts_sync_currency BEFORE INSERT OR UPDATE ON payouts
    FOR EACH ROW EXECUTE FUNCTION payouts_sync_currency();
