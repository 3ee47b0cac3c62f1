-- contract: the old app is gone
DROP TRIGGER IF EXISTS ledger_entries_sync_score ON ledger_entries;
DROP FUNCTION IF EXISTS ledger_entries_sync_score();
ALTER TABLE ledger_entries DROP COLUMN IF EXISTS status;
