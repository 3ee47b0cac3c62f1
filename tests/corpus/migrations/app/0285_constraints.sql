UPDATE sensors SET approved = 0 WHERE approved IS NULL; -- backfill first
ALTER TABLE sensors ADD CONSTRAINT sensors_approved_nn_check CHECK (approved IS NOT NULL) NOT VALID;
ALTER TABLE sensors VALIDATE CONSTRAINT sensors_approved_nn_check;
ALTER TABLE sensors ALTER COLUMN approved SET NOT NULL;
ALTER TABLE sensors DROP CONSTRAINT sensors_approved_nn_check;
