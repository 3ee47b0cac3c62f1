-- contract: the old app is gone
DROP TRIGGER IF EXISTS sensors_sync_weight ON sensors;
DROP FUNCTION IF EXISTS sensors_sync_weight();
ALTER TABLE sensors DROP COLUMN IF EXISTS url;
