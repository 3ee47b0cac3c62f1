-- migrate: backfill in batches, each its own short transaction
UPDATE api_keys SET quantity = starts_at::text
WHERE id IN (SELECT id FROM api_keys WHERE quantity IS NULL AND starts_at IS NOT NULL LIMIT 10000);
UPDATE api_keys SET quantity = starts_at::text
WHERE id IN (SELECT id FROM api_keys WHERE quantity IS NULL AND starts_at IS NOT NULL LIMIT 10000);
