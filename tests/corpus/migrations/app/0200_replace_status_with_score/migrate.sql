-- migrate: backfill in batches, each its own short transaction
UPDATE ledger_entries SET score = status::text
WHERE id IN (SELECT id FROM ledger_entries WHERE score IS NULL AND status IS NOT NULL LIMIT 5000);
UPDATE ledger_entries SET score = status::text
WHERE id IN (SELECT id FROM ledger_entries WHERE score IS NULL AND status IS NOT NULL LIMIT 5000);
