-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS exports_54_id_idx
    ON reporting.exports_54 (id) WHERE created_at > '2020-01-01';
ANALYZE reporting.exports_54;
