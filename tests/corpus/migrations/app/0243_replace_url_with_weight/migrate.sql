-- migrate: backfill in batches, each its own short transaction
UPDATE sensors SET weight = url::text
WHERE id IN (SELECT id FROM sensors WHERE weight IS NULL AND url IS NOT NULL LIMIT 5000);
UPDATE sensors SET weight = url::text
WHERE id IN (SELECT id FROM sensors WHERE weight IS NULL AND url IS NOT NULL LIMIT 5000);
