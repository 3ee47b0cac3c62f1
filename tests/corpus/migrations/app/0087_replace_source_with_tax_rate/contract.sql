-- contract: the old app is gone
DROP TRIGGER IF EXISTS plans_sync_tax_rate ON plans;
DROP FUNCTION IF EXISTS plans_sync_tax_rate();
ALTER TABLE plans DROP COLUMN IF EXISTS source;
