-- migrate: backfill in batches, each its own short transaction
UPDATE exports SET version = summary::text
WHERE id IN (SELECT id FROM exports WHERE version IS NULL AND summary IS NOT NULL LIMIT 5000);
