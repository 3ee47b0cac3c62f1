CREATE DOMAIN email_4 AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$');
CREATE DOMAIN positive_amount_4 AS numeric(12,2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE TYPE money_4 AS (amount numeric(12,2), currency char(3));
ALTER DOMAIN email_4 ADD CONSTRAINT email_4_len CHECK (length(VALUE) < 320) NOT VALID;
ALTER DOMAIN email_4 VALIDATE CONSTRAINT email_4_len;
