-- migrate: backfill in batches, each its own short transaction
UPDATE plans SET tax_rate = source::text
WHERE id IN (SELECT id FROM plans WHERE tax_rate IS NULL AND source IS NOT NULL LIMIT 10000);
UPDATE plans SET tax_rate = source::text
WHERE id IN (SELECT id FROM plans WHERE tax_rate IS NULL AND source IS NOT NULL LIMIT 10000);
UPDATE plans SET tax_rate = source::text
WHERE id IN (SELECT id FROM plans WHERE tax_rate IS NULL AND source IS NOT NULL LIMIT 10000);
UPDATE plans SET tax_rate = source::text
WHERE id IN (SELECT id FROM plans WHERE tax_rate IS NULL AND source IS NOT NULL LIMIT 10000);
