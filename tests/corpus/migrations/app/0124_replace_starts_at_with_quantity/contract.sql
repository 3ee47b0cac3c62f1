-- contract: the old app is gone
DROP TRIGGER IF EXISTS api_keys_sync_quantity ON api_keys;
DROP FUNCTION IF EXISTS api_keys_sync_quantity();
ALTER TABLE api_keys DROP COLUMN IF EXISTS starts_at;
