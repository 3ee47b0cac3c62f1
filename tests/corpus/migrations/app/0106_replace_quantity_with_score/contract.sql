-- contract: the old app is gone
DROP TRIGGER IF EXISTS channels_sync_score ON channels;
DROP FUNCTION IF EXISTS channels_sync_score();
ALTER TABLE channels DROP COLUMN IF EXISTS quantity;
