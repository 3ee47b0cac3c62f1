-- migrate: backfill in batches, each its own short transaction
UPDATE attachments SET score = summary::text
WHERE id IN (SELECT id FROM attachments WHERE score IS NULL AND summary IS NOT NULL LIMIT 10000);
UPDATE attachments SET score = summary::text
WHERE id IN (SELECT id FROM attachments WHERE score IS NULL AND summary IS NOT NULL LIMIT 10000);
UPDATE attachments SET score = summary::text
WHERE id IN (SELECT id FROM attachments WHERE score IS NULL AND summary IS NOT NULL LIMIT 10000);
UPDATE attachments SET score = summary::text
WHERE id IN (SELECT id FROM attachments WHERE score IS NULL AND summary IS NOT NULL LIMIT 10000);
