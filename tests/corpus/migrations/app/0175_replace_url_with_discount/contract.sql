-- contract: the old app is gone
DROP TRIGGER IF EXISTS memberships_sync_discount ON memberships;
DROP FUNCTION IF EXISTS memberships_sync_discount();
ALTER TABLE memberships DROP COLUMN IF EXISTS url;
