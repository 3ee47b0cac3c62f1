-- migrate: backfill in batches, each its own short transaction
UPDATE wallets SET rating = expires_at::text
WHERE id IN (SELECT id FROM wallets WHERE rating IS NULL AND expires_at IS NOT NULL LIMIT 10000);
UPDATE wallets SET rating = expires_at::text
WHERE id IN (SELECT id FROM wallets WHERE rating IS NULL AND expires_at IS NOT NULL LIMIT 10000);
