BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE reviews ADD COLUMN score text;
UPDATE reviews SET score = 'Grüße aus Köln; 東京 👋' WHERE id IN (SELECT id FROM reviews LIMIT 100);
SAVEPOINT before_comment;
COMMENT ON COLUMN reviews.score IS $note$tagged; $$ inside$note$;
RELEASE SAVEPOINT before_comment;
COMMIT;

-- TODO(ops): revisit once the backfill is done
ALTER TABLE answers ADD COLUMN notes jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE answers ADD COLUMN reference date;
ALTER TABLE answers
    ADD COLUMN tax_rate text,
    ADD COLUMN tax_rate_at timestamptz;

-- NOTE: statement_timeout is set by the runner; nothing to do here
CREATE TABLE IF NOT EXISTS assets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tax_rate timestamptz NOT NULL DEFAULT now(),
    archived smallint,
    email double precision,
    version char(3) NOT NULL DEFAULT 'EUR',
    label char(3) NOT NULL DEFAULT 'EUR',
    discount date,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE assets IS U&'d\0061t\+000061; unicode escapes';
GRANT SELECT, INSERT, UPDATE, DELETE ON assets TO app_ro;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS reactions_created_at_idx
    ON reactions (created_at);
DROP INDEX CONCURRENTLY IF EXISTS reactions_legacy_idx;

CREATE OR REPLACE VIEW active_locations AS
SELECT created_at, updated_at, status
FROM locations
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_locations OWNER TO reporting;
CREATE MATERIALIZED VIEW IF NOT EXISTS locations_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM locations
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS locations_daily_stats_day_idx ON locations_daily_stats (day);
REFRESH MATERIALIZED VIEW locations_daily_stats;
DROP VIEW IF EXISTS active_inventory_items;

GRANT USAGE ON SCHEMA public TO reporting;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reporting;
REVOKE DELETE ON badges FROM app_ro;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO reporting;
