-- migrate: backfill in batches, each its own short transaction
UPDATE bookings_4 SET archived = metadata::text
WHERE id IN (SELECT id FROM bookings_4 WHERE archived IS NULL AND metadata IS NOT NULL LIMIT 10000);
UPDATE bookings_4 SET archived = metadata::text
WHERE id IN (SELECT id FROM bookings_4 WHERE archived IS NULL AND metadata IS NOT NULL LIMIT 10000);
UPDATE bookings_4 SET archived = metadata::text
WHERE id IN (SELECT id FROM bookings_4 WHERE archived IS NULL AND metadata IS NOT NULL LIMIT 10000);
