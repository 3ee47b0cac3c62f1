-- contract: the old app is gone
DROP TRIGGER IF EXISTS accounts_sync_source ON accounts;
DROP FUNCTION IF EXISTS accounts_sync_source();
ALTER TABLE accounts DROP COLUMN IF EXISTS name;
