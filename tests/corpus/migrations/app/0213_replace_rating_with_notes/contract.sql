-- contract: the old app is gone
DROP TRIGGER IF EXISTS campaigns_sync_notes ON campaigns;
DROP FUNCTION IF EXISTS campaigns_sync_notes();
ALTER TABLE campaigns DROP COLUMN IF EXISTS rating;
