-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS plans_tax_rate_features_idx
    ON plans (tax_rate, features) WHERE created_at > '2020-01-01';

/* block comment; with a semicolon */
DROP TABLE IF EXISTS legacy_suppliers CASCADE;
DROP TYPE IF EXISTS legacy_state_1;
DROP INDEX IF EXISTS tasks_old_idx;
DROP VIEW IF EXISTS legacy_view_6;
