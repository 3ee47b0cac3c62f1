-- one migration, three phases, one file
-- expandcontract: phase expand
-- expand: add amount next to title; both apps keep working
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS amount text;
CREATE OR REPLACE FUNCTION accounts_sync_amount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.amount := COALESCE(NEW.amount, NEW.title::text); -- old app writes title; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER accounts_sync_amount BEFORE INSERT OR UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION accounts_sync_amount();

-- expandcontract: phase migrate
-- migrate: backfill in batches, each its own short transaction
UPDATE accounts SET amount = title::text
WHERE id IN (SELECT id FROM accounts WHERE amount IS NULL AND title IS NOT NULL LIMIT 10000);

-- expandcontract: phase contract
-- contract: the old app is gone
DROP TRIGGER IF EXISTS accounts_sync_amount ON accounts;
DROP FUNCTION IF EXISTS accounts_sync_amount();
ALTER TABLE accounts DROP COLUMN IF EXISTS title;
