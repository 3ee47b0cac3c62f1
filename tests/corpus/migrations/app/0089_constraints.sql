UPDATE orders SET reference = '{}'::jsonb WHERE reference IS NULL; -- backfill first
ALTER TABLE orders ADD CONSTRAINT orders_reference_nn_check CHECK (reference IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_reference_nn_check;
ALTER TABLE orders ALTER COLUMN reference SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_reference_nn_check;
