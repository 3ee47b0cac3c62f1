-- migrate: backfill in batches, each its own short transaction
UPDATE ops.daily_totals_20 SET title = data::text
WHERE id IN (SELECT id FROM ops.daily_totals_20 WHERE title IS NULL AND data IS NOT NULL LIMIT 5000);
UPDATE ops.daily_totals_20 SET title = data::text
WHERE id IN (SELECT id FROM ops.daily_totals_20 WHERE title IS NULL AND data IS NOT NULL LIMIT 5000);
