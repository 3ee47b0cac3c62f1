-- contract: the old app is gone
DROP TRIGGER IF EXISTS attachments_sync_score ON attachments;
DROP FUNCTION IF EXISTS attachments_sync_score();
ALTER TABLE attachments DROP COLUMN IF EXISTS summary;
