-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS teams_updated_at_title_idx
    ON teams (updated_at, title);
REINDEX INDEX CONCURRENTLY teams_updated_at_title_idx;
ANALYZE teams;
