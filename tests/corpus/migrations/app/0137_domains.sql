CREATE DOMAIN email_17 AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$');
CREATE DOMAIN positive_amount_17 AS numeric(12,2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE TYPE money_17 AS (amount numeric(12,2), currency char(3));
ALTER DOMAIN email_17 ADD CONSTRAINT email_17_len CHECK (length(VALUE) < 320) NOT VALID;
ALTER DOMAIN email_17 VALIDATE CONSTRAINT email_17_len;
