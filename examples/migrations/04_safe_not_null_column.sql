-- Add invoices.due_at as NOT NULL without a rewrite, a scan under lock, or a broken old app.

-- expandcontract: phase expand
-- A non-volatile default is stored once (PostgreSQL 11+): no rewrite, and the old app's
-- INSERTs, which know nothing of due_at, still get a value.
ALTER TABLE invoices ADD COLUMN due_at timestamptz DEFAULT now() + interval '30 days';

-- expandcontract: phase migrate
-- Existing invoices are due 30 days after they were issued; the runner batches this by id.
-- expandcontract: backfill key=id
UPDATE invoices
   SET due_at = issued_at + interval '30 days'
 WHERE due_at IS DISTINCT FROM issued_at + interval '30 days';

-- expandcontract: phase contract
-- SET NOT NULL without a full scan under ACCESS EXCLUSIVE: prove it with a CHECK first.
BEGIN;
ALTER TABLE invoices
    ADD CONSTRAINT invoices_due_at_not_null CHECK (due_at IS NOT NULL) NOT VALID;
COMMIT;

BEGIN;
ALTER TABLE invoices VALIDATE CONSTRAINT invoices_due_at_not_null;
COMMIT;

BEGIN;
ALTER TABLE invoices ALTER COLUMN due_at SET NOT NULL;
ALTER TABLE invoices DROP CONSTRAINT invoices_due_at_not_null;
COMMIT;
