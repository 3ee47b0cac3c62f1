-- contract: the old app is gone
DROP TRIGGER IF EXISTS tickets_sync_amount ON tickets;
DROP FUNCTION IF EXISTS tickets_sync_amount();
ALTER TABLE tickets DROP COLUMN IF EXISTS source;
