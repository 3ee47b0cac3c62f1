-- contract: the old app is gone
DROP TRIGGER IF EXISTS exports_sync_quantity ON exports;
DROP FUNCTION IF EXISTS exports_sync_quantity();
ALTER TABLE exports DROP COLUMN IF EXISTS version;
