-- migrate: backfill in batches, each its own short transaction
UPDATE reporting.exports_54 SET title = data::text
WHERE id IN (SELECT id FROM reporting.exports_54 WHERE title IS NULL AND data IS NOT NULL LIMIT 1000);
UPDATE reporting.exports_54 SET title = data::text
WHERE id IN (SELECT id FROM reporting.exports_54 WHERE title IS NULL AND data IS NOT NULL LIMIT 1000);
UPDATE reporting.exports_54 SET title = data::text
WHERE id IN (SELECT id FROM reporting.exports_54 WHERE title IS NULL AND data IS NOT NULL LIMIT 1000);
UPDATE reporting.exports_54 SET title = data::text
WHERE id IN (SELECT id FROM reporting.exports_54 WHERE title IS NULL AND data IS NOT NULL LIMIT 1000);
