-- migrate: backfill in batches, each its own short transaction
UPDATE badges SET timezone = expires_at::text
WHERE id IN (SELECT id FROM badges WHERE timezone IS NULL AND expires_at IS NOT NULL LIMIT 5000);
UPDATE badges SET timezone = expires_at::text
WHERE id IN (SELECT id FROM badges WHERE timezone IS NULL AND expires_at IS NOT NULL LIMIT 5000);
