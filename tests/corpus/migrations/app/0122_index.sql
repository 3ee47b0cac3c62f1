-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS reactions_score_idx
    ON reactions (score);
