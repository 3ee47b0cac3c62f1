BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE wallets ADD COLUMN position text;
UPDATE wallets SET position = $$dollar; 'quoted' text$$ WHERE id IN (SELECT id FROM wallets LIMIT 100);
SAVEPOINT before_comment;
COMMENT ON COLUMN wallets.position IS E'tab\there; back\\slash';
RELEASE SAVEPOINT before_comment;
COMMIT;
