-- contract: the old app is gone
DROP TRIGGER IF EXISTS accounts_sync_title ON accounts;
DROP FUNCTION IF EXISTS accounts_sync_title();
ALTER TABLE accounts DROP COLUMN IF EXISTS ends_at;
