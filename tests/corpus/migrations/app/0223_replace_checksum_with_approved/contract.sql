-- contract: the old app is gone
DROP TRIGGER IF EXISTS orders_v31_sync_approved ON orders_v31;
DROP FUNCTION IF EXISTS orders_v31_sync_approved();
ALTER TABLE orders_v31 DROP COLUMN IF EXISTS checksum;
