-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS messages_updated_at_idx
    ON messages (updated_at);
ANALYZE messages;
