-- one migration, three phases, one file
-- expandcontract: phase expand
-- expand: add due_on next to discount; both apps keep working
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS due_on text;
CREATE OR REPLACE FUNCTION accounts_sync_due_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.due_on := COALESCE(NEW.due_on, NEW.discount::text); -- old app writes discount; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER accounts_sync_due_on BEFORE INSERT OR UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION accounts_sync_due_on();

-- expandcontract: phase contract
-- contract: the old app is gone
DROP TRIGGER IF EXISTS accounts_sync_due_on ON accounts;
DROP FUNCTION IF EXISTS accounts_sync_due_on();
ALTER TABLE accounts DROP COLUMN IF EXISTS discount;
