-- contract: the old app is gone
DROP TRIGGER IF EXISTS attachments_sync_discount ON attachments;
DROP FUNCTION IF EXISTS attachments_sync_discount();
ALTER TABLE attachments DROP COLUMN IF EXISTS country;
