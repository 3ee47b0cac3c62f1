-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_locale_id_idx
    ON accounts USING btree (locale, id);
DROP INDEX CONCURRENTLY IF EXISTS accounts_legacy_idx;
ANALYZE accounts;
