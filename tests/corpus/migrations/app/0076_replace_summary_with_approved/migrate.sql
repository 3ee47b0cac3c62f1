-- migrate: backfill in batches, each its own short transaction
UPDATE refunds SET approved = summary::text
WHERE id IN (SELECT id FROM refunds WHERE approved IS NULL AND summary IS NOT NULL LIMIT 5000);
UPDATE refunds SET approved = summary::text
WHERE id IN (SELECT id FROM refunds WHERE approved IS NULL AND summary IS NOT NULL LIMIT 5000);
UPDATE refunds SET approved = summary::text
WHERE id IN (SELECT id FROM refunds WHERE approved IS NULL AND summary IS NOT NULL LIMIT 5000);
