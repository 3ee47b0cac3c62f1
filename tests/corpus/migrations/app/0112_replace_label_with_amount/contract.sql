-- contract: the old app is gone
DROP TRIGGER IF EXISTS channels_sync_amount ON channels;
DROP FUNCTION IF EXISTS channels_sync_amount();
ALTER TABLE channels DROP COLUMN IF EXISTS label;
