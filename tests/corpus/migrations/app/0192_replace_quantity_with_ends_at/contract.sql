-- contract: the old app is gone
DROP TRIGGER IF EXISTS contracts_sync_ends_at ON contracts;
DROP FUNCTION IF EXISTS contracts_sync_ends_at();
ALTER TABLE contracts DROP COLUMN IF EXISTS quantity;
