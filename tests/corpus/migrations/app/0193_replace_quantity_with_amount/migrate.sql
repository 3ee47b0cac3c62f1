-- migrate: backfill in batches, each its own short transaction
UPDATE exports SET amount = quantity::text
WHERE id IN (SELECT id FROM exports WHERE amount IS NULL AND quantity IS NOT NULL LIMIT 5000);
UPDATE exports SET amount = quantity::text
WHERE id IN (SELECT id FROM exports WHERE amount IS NULL AND quantity IS NOT NULL LIMIT 5000);
UPDATE exports SET amount = quantity::text
WHERE id IN (SELECT id FROM exports WHERE amount IS NULL AND quantity IS NOT NULL LIMIT 5000);
