/* nested /* comment; inner */ still a comment; */
CREATE EXTENSION IF NOT EXISTS "btree_gist";
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

/* nested /* comment; inner */ still a comment; */
ALTER TABLE ops.snapshots_12 ADD COLUMN IF NOT EXISTS due_on text;
ALTER TABLE ops.snapshots_12 ADD COLUMN summary text;
ALTER TABLE ops.snapshots_12 ADD COLUMN IF NOT EXISTS body text[] NOT NULL DEFAULT '{}';
ALTER TABLE ops.snapshots_12
    ADD COLUMN ends_at text,
    ADD COLUMN ends_at_at timestamptz;

START TRANSACTION;
SET LOCAL lock_timeout = '5s';
ALTER TABLE bookings_34 ADD COLUMN approved text;
UPDATE bookings_34 SET approved = $note$tagged; $$ inside$note$ WHERE id IN (SELECT id FROM bookings_34 LIMIT 100);
SAVEPOINT before_comment;
COMMENT ON COLUMN bookings_34.approved IS '$$ not a dollar quote $$';
RELEASE SAVEPOINT before_comment;
COMMIT;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_reference_idx
    ON orders (reference);
REINDEX INDEX CONCURRENTLY orders_reference_idx;
