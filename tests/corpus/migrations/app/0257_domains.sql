CREATE DOMAIN email_47 AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$');
CREATE DOMAIN positive_amount_47 AS numeric(12,2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE TYPE money_47 AS (amount numeric(12,2), currency char(3));
ALTER DOMAIN email_47 ADD CONSTRAINT email_47_len CHECK (length(VALUE) < 320) NOT VALID;
ALTER DOMAIN email_47 VALIDATE CONSTRAINT email_47_len;
