-- migrate: backfill in batches, each its own short transaction
UPDATE orders SET rating = summary::text
WHERE id IN (SELECT id FROM orders WHERE rating IS NULL AND summary IS NOT NULL LIMIT 10000);
UPDATE orders SET rating = summary::text
WHERE id IN (SELECT id FROM orders WHERE rating IS NULL AND summary IS NOT NULL LIMIT 10000);
