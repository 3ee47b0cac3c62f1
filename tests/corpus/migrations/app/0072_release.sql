BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE reactions ADD COLUMN email text;
UPDATE reactions SET email = '$$ not a dollar quote $$' WHERE id IN (SELECT id FROM reactions LIMIT 100);
SAVEPOINT before_comment;
COMMENT ON COLUMN reactions.email IS 'multi
line; string';
RELEASE SAVEPOINT before_comment;
COMMIT;

UPDATE addresses SET notes = 0 WHERE notes IS NULL; -- backfill first
ALTER TABLE addresses ADD CONSTRAINT addresses_notes_nn_check CHECK (notes IS NOT NULL) NOT VALID;
ALTER TABLE addresses VALIDATE CONSTRAINT addresses_notes_nn_check;
ALTER TABLE addresses ALTER COLUMN notes SET NOT NULL;
ALTER TABLE addresses DROP CONSTRAINT addresses_notes_nn_check;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS addresses_notes_key_idx ON addresses (notes);
ALTER TABLE addresses ADD CONSTRAINT addresses_notes_uniq UNIQUE USING INDEX addresses_notes_key_idx;
