UPDATE tickets SET region = 0 WHERE region IS NULL; -- backfill first
ALTER TABLE tickets ADD CONSTRAINT tickets_region_nn_check CHECK (region IS NOT NULL) NOT VALID;
ALTER TABLE tickets VALIDATE CONSTRAINT tickets_region_nn_check;
ALTER TABLE tickets ALTER COLUMN region SET NOT NULL;
ALTER TABLE tickets DROP CONSTRAINT tickets_region_nn_check;

CREATE DOMAIN email_2 AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$');
CREATE DOMAIN positive_amount_2 AS numeric(12,2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE TYPE money_2 AS (amount numeric(12,2), currency char(3));
ALTER DOMAIN email_2 ADD CONSTRAINT email_2_len CHECK (length(VALUE) < 320) NOT VALID;
ALTER DOMAIN email_2 VALIDATE CONSTRAINT email_2_len;
