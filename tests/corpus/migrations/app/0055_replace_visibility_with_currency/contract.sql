-- contract: the old app is gone
DROP TRIGGER IF EXISTS payouts_sync_currency ON payouts;
DROP FUNCTION IF EXISTS payouts_sync_currency();
ALTER TABLE payouts DROP COLUMN IF EXISTS visibility;
