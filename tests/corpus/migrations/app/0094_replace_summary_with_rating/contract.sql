-- contract: the old app is gone
DROP TRIGGER IF EXISTS orders_sync_rating ON orders;
DROP FUNCTION IF EXISTS orders_sync_rating();
ALTER TABLE orders DROP COLUMN IF EXISTS summary;
