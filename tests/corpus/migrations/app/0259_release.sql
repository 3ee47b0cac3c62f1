-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS calendars_net_cents_import_id_idx
    ON calendars (net_cents, import_id);

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS devices_id_idx
    ON devices (id);
REINDEX INDEX CONCURRENTLY devices_id_idx;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS page_views_113_id_idx
    ON reporting.page_views_113 (id);
DROP INDEX CONCURRENTLY IF EXISTS page_views_113_legacy_idx;
