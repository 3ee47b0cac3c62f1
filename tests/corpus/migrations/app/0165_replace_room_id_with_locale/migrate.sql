-- migrate: backfill in batches, each its own short transaction
UPDATE bookings_4 SET locale = room_id::text
WHERE id IN (SELECT id FROM bookings_4 WHERE locale IS NULL AND room_id IS NOT NULL LIMIT 5000);
