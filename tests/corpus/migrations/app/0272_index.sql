-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS snapshots_12_body_due_on_idx
    ON ops.snapshots_12 (body, due_on);
REINDEX INDEX CONCURRENTLY ops.snapshots_12_body_due_on_idx;
