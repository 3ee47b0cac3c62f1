ALTER TABLE reports ALTER COLUMN country TYPE text USING country::text;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS shipments_created_at_id_idx
    ON shipments (created_at, id) WHERE created_at > '2020-01-01';
DROP INDEX CONCURRENTLY IF EXISTS shipments_legacy_idx;

START TRANSACTION;
SET LOCAL lock_timeout = '5s';
ALTER TABLE locations ADD COLUMN discount text;
UPDATE locations SET discount = E'It\'s fine; really\n(second line)' WHERE id IN (SELECT id FROM locations LIMIT 100);
SAVEPOINT before_comment;
COMMENT ON COLUMN locations.discount IS $note$tagged; $$ inside$note$;
RELEASE SAVEPOINT before_comment;
COMMIT;
