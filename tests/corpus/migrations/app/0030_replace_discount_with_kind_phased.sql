-- one migration, three phases, one file
-- expandcontract: phase expand
-- expand: add kind next to discount; both apps keep working
ALTER TABLE inventory_items ADD COLUMN IF NOT EXISTS discount text;
ALTER TABLE inventory_items ADD COLUMN IF NOT EXISTS kind text;
CREATE OR REPLACE FUNCTION inventory_items_sync_kind() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.kind := COALESCE(NEW.kind, NEW.discount::text); -- old app writes discount; copy it
    RETURN NEW;
END
$$;
CREATE TRIGGER inventory_items_sync_kind BEFORE INSERT OR UPDATE ON inventory_items
    FOR EACH ROW EXECUTE FUNCTION inventory_items_sync_kind();

-- expandcontract: phase migrate
-- migrate: backfill in batches, each its own short transaction
UPDATE inventory_items SET kind = discount::text
WHERE id IN (SELECT id FROM inventory_items WHERE kind IS NULL AND discount IS NOT NULL LIMIT 5000);
UPDATE inventory_items SET kind = discount::text
WHERE id IN (SELECT id FROM inventory_items WHERE kind IS NULL AND discount IS NOT NULL LIMIT 5000);
UPDATE inventory_items SET kind = discount::text
WHERE id IN (SELECT id FROM inventory_items WHERE kind IS NULL AND discount IS NOT NULL LIMIT 5000);
UPDATE inventory_items SET kind = discount::text
WHERE id IN (SELECT id FROM inventory_items WHERE kind IS NULL AND discount IS NOT NULL LIMIT 5000);

-- expandcontract: phase contract
-- contract: the old app is gone
DROP TRIGGER IF EXISTS inventory_items_sync_kind ON inventory_items;
DROP FUNCTION IF EXISTS inventory_items_sync_kind();
ALTER TABLE inventory_items DROP COLUMN IF EXISTS discount;
