-- Contract: only the new app runs now. Drop the old column, then restore NOT NULL
-- on the new one through a validated CHECK, so SET NOT NULL needs no table scan.
BEGIN;
DROP TRIGGER customers_sync_display_name ON customers;
DROP FUNCTION customers_sync_display_name();
ALTER TABLE customers DROP COLUMN name;
ALTER TABLE customers
    ADD CONSTRAINT customers_display_name_not_null CHECK (display_name IS NOT NULL) NOT VALID;
COMMIT;

BEGIN;
ALTER TABLE customers VALIDATE CONSTRAINT customers_display_name_not_null;
COMMIT;

BEGIN;
ALTER TABLE customers ALTER COLUMN display_name SET NOT NULL;
ALTER TABLE customers DROP CONSTRAINT customers_display_name_not_null;
COMMIT;
