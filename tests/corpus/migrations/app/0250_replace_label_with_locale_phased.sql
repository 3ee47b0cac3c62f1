-- one migration, three phases, one file
-- expandcontract: phase expand
-- expand: add locale next to label; both apps keep working
ALTER TABLE payments ADD COLUMN IF NOT EXISTS locale text;
CREATE OR REPLACE FUNCTION payments_sync_locale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.locale := COALESCE(NEW.locale, NEW.label::text); -- old app writes label; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER payments_sync_locale BEFORE INSERT OR UPDATE ON payments
    FOR EACH ROW EXECUTE FUNCTION payments_sync_locale();

-- expandcontract: phase migrate
-- migrate: backfill in batches, each its own short transaction
UPDATE payments SET locale = label::text
WHERE id IN (SELECT id FROM payments WHERE locale IS NULL AND label IS NOT NULL LIMIT 5000);
UPDATE payments SET locale = label::text
WHERE id IN (SELECT id FROM payments WHERE locale IS NULL AND label IS NOT NULL LIMIT 5000);
UPDATE payments SET locale = label::text
WHERE id IN (SELECT id FROM payments WHERE locale IS NULL AND label IS NOT NULL LIMIT 5000);

-- expandcontract: phase contract
-- contract: the old app is gone
DROP TRIGGER IF EXISTS payments_sync_locale ON payments;
DROP FUNCTION IF EXISTS payments_sync_locale();
ALTER TABLE payments DROP COLUMN IF EXISTS label;
