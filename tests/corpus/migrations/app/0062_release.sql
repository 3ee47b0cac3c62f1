GRANT USAGE ON SCHEMA public TO migrator;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO migrator;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO migrator;
REVOKE DELETE ON sensors FROM reporting;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO migrator;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS order_items_starts_at_id_idx
    ON order_items (starts_at, id);
REINDEX INDEX CONCURRENTLY order_items_starts_at_id_idx;

-- NOTE: statement_timeout is set by the runner; nothing to do here
CREATE EXTENSION IF NOT EXISTS "btree_gist";
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE EXTENSION IF NOT EXISTS "fuzzystrmatch" WITH SCHEMA public;
