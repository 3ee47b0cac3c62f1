-- contract: the old app is gone
DROP TRIGGER IF EXISTS exports_sync_amount ON exports;
DROP FUNCTION IF EXISTS exports_sync_amount();
ALTER TABLE exports DROP COLUMN IF EXISTS quantity;
