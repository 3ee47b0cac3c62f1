-- contract: the old app is gone
DROP TRIGGER IF EXISTS exports_54_sync_title ON reporting.exports_54;
DROP FUNCTION IF EXISTS exports_54_sync_title();
ALTER TABLE reporting.exports_54 DROP COLUMN IF EXISTS data;
