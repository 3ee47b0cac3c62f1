# online: instant column adds, an in-place index, a prefix index
SET SESSION lock_wait_timeout = 5;
ALTER TABLE customers ADD COLUMN vip TINYINT(1) NOT NULL DEFAULT 0 AFTER status;
ALTER TABLE customers ADD INDEX customers_name (name(20)), ALGORITHM=INPLACE, LOCK=NONE;
CREATE INDEX orders_placed ON orders (placed_at) ALGORITHM=INPLACE LOCK=NONE;
