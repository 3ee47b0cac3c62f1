CREATE OR REPLACE PROCEDURE archive_invoices(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM invoices WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_invoices() RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM invoices;
END;
CALL archive_invoices(now() - interval '5 years');

CREATE SEQUENCE IF NOT EXISTS bookings_34_amount_seq START WITH 1000 INCREMENT BY 1 CACHE 1;
ALTER TABLE bookings_34 ADD COLUMN IF NOT EXISTS amount bigint;
ALTER TABLE bookings_34 ALTER COLUMN amount SET DEFAULT nextval('bookings_34_amount_seq');
ALTER SEQUENCE bookings_34_amount_seq OWNED BY bookings_34.amount;
SELECT setval('bookings_34_amount_seq', 1000, false);
