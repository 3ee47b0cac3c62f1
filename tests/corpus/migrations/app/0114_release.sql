-- ADD VALUE cannot be used in the same transaction as the new value
ALTER TYPE payment_state_0 ADD VALUE IF NOT EXISTS 'failed' BEFORE 'done';

CREATE DOMAIN email_15 AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$');
CREATE DOMAIN positive_amount_15 AS numeric(12,2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE TYPE money_15 AS (amount numeric(12,2), currency char(3));
ALTER DOMAIN email_15 ADD CONSTRAINT email_15_len CHECK (length(VALUE) < 320) NOT VALID;
ALTER DOMAIN email_15 VALIDATE CONSTRAINT email_15_len;
