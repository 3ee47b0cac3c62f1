-- contract: the old app is gone
DROP TRIGGER IF EXISTS wallets_sync_rating ON wallets;
DROP FUNCTION IF EXISTS wallets_sync_rating();
ALTER TABLE wallets DROP COLUMN IF EXISTS expires_at;
