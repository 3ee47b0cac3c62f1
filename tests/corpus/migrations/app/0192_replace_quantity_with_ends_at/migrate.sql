-- migrate: backfill in batches, each its own short transaction
UPDATE contracts SET ends_at = quantity::text
WHERE id IN (SELECT id FROM contracts WHERE ends_at IS NULL AND quantity IS NOT NULL LIMIT 10000);
UPDATE contracts SET ends_at = quantity::text
WHERE id IN (SELECT id FROM contracts WHERE ends_at IS NULL AND quantity IS NOT NULL LIMIT 10000);
UPDATE contracts SET ends_at = quantity::text
WHERE id IN (SELECT id FROM contracts WHERE ends_at IS NULL AND quantity IS NOT NULL LIMIT 10000);
UPDATE contracts SET ends_at = quantity::text
WHERE id IN (SELECT id FROM contracts WHERE ends_at IS NULL AND quantity IS NOT NULL LIMIT 10000);
