CREATE OR REPLACE VIEW active_注文履歴 AS
SELECT "nom", id, created_at
FROM "注文履歴"
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_注文履歴 OWNER TO migrator;
CREATE MATERIALIZED VIEW IF NOT EXISTS 注文履歴_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM "注文履歴"
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS 注文履歴_daily_stats_day_idx ON 注文履歴_daily_stats (day);
REFRESH MATERIALIZED VIEW 注文履歴_daily_stats;

-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS metrics_7_2023_09
    (LIKE metrics_7 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE metrics_7_2023_09 ADD CONSTRAINT metrics_7_2023_09_bounds
    CHECK (occurred_at >= '2023-09-01' AND occurred_at < '2023-10-01');
ALTER TABLE metrics_7 ATTACH PARTITION metrics_7_2023_09
    FOR VALUES FROM ('2023-09-01') TO ('2023-10-01');
ALTER TABLE metrics_7_2023_09 DROP CONSTRAINT metrics_7_2023_09_bounds;
ALTER TABLE metrics_7 DETACH PARTITION metrics_7_2023_06;
DROP TABLE IF EXISTS metrics_7_2023_06;

-- keep this idempotent; it runs on every deploy
ALTER TABLE leads ADD COLUMN IF NOT EXISTS slug double precision NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN tax_rate boolean NOT NULL DEFAULT false;

/*
 * multi-line header
 * author: platform team; reviewed
 */
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('free_15_0', E'It\'s fine; really\n(second line)', 3806, '{"seats": 28}'),
    ('team_15_1', $note$tagged; $$ inside$note$, 7050, '{"seats": 4}'),
    ('enterprise_15_2', U&'d\0061t\+000061; unicode escapes', 9658, '{"seats": 44}'),
    ('team_15_3', 'naïve café; crème brûlée', 8505, '{"seats": 2}'),
    ('enterprise_15_4', 'semi;colon;everywhere;', 531, '{"seats": 38}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = '$$ not a dollar quote $$' WHERE code LIKE 'pro%';

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS assets_updated_at_idx
    ON assets USING btree (updated_at);
ANALYZE assets;
