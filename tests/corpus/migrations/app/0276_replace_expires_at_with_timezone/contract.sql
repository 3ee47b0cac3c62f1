-- contract: the old app is gone
DROP TRIGGER IF EXISTS badges_sync_timezone ON badges;
DROP FUNCTION IF EXISTS badges_sync_timezone();
ALTER TABLE badges DROP COLUMN IF EXISTS expires_at;
