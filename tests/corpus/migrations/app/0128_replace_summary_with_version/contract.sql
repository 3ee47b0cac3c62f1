-- contract: the old app is gone
DROP TRIGGER IF EXISTS exports_sync_version ON exports;
DROP FUNCTION IF EXISTS exports_sync_version();
ALTER TABLE exports DROP COLUMN IF EXISTS summary;
