-- contract: the old app is gone
DROP TRIGGER IF EXISTS plans_sync_source ON plans;
DROP FUNCTION IF EXISTS plans_sync_source();
ALTER TABLE plans DROP COLUMN IF EXISTS body;
