-- migrate: backfill in batches, each its own short transaction
UPDATE exports SET quantity = version::text
WHERE id IN (SELECT id FROM exports WHERE quantity IS NULL AND version IS NOT NULL LIMIT 10000);
UPDATE exports SET quantity = version::text
WHERE id IN (SELECT id FROM exports WHERE quantity IS NULL AND version IS NOT NULL LIMIT 10000);
