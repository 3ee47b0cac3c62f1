-- migrate: backfill in batches, each its own short transaction
UPDATE campaigns SET notes = rating::text
WHERE id IN (SELECT id FROM campaigns WHERE notes IS NULL AND rating IS NOT NULL LIMIT 10000);
