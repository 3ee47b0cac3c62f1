-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS données_clients_id_idx
    ON "données_clients" USING btree (id);
DROP INDEX CONCURRENTLY IF EXISTS données_clients_legacy_idx;
REINDEX INDEX CONCURRENTLY données_clients_id_idx;
