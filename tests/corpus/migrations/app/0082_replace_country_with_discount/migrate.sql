-- migrate: backfill in batches, each its own short transaction
UPDATE attachments SET discount = country::text
WHERE id IN (SELECT id FROM attachments WHERE discount IS NULL AND country IS NOT NULL LIMIT 1000);
