-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS wallets_v41_notes_idx
    ON wallets_v41 USING btree (notes);
REINDEX INDEX CONCURRENTLY wallets_v41_notes_idx;
ANALYZE wallets_v41;
