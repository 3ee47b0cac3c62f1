-- migrate: backfill in batches, each its own short transaction
UPDATE bookings_4 SET metadata = quantity::text
WHERE id IN (SELECT id FROM bookings_4 WHERE metadata IS NULL AND quantity IS NOT NULL LIMIT 5000);
UPDATE bookings_4 SET metadata = quantity::text
WHERE id IN (SELECT id FROM bookings_4 WHERE metadata IS NULL AND quantity IS NOT NULL LIMIT 5000);
