-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS metrics_7_2023_12
    (LIKE metrics_7 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE metrics_7_2023_12 ADD CONSTRAINT metrics_7_2023_12_bounds
    CHECK (occurred_at >= '2023-12-01' AND occurred_at < '2024-01-01');
ALTER TABLE metrics_7 ATTACH PARTITION metrics_7_2023_12
    FOR VALUES FROM ('2023-12-01') TO ('2024-01-01');
ALTER TABLE metrics_7_2023_12 DROP CONSTRAINT metrics_7_2023_12_bounds;
ALTER TABLE metrics_7 DETACH PARTITION metrics_7_2023_09;
DROP TABLE IF EXISTS metrics_7_2023_09;

-- ünïcödé comment — “quoted”; fine
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('pro_17_0', '$$ not a dollar quote $$', 5156, '{"seats": 32}'),
    ('non-profit_17_1', 'semi;colon;everywhere;', 3430, '{"seats": 47}'),
    ('pro_17_2', '$$ not a dollar quote $$', 6689, '{"seats": 23}'),
    ('enterprise_17_3', 'multi
line; string', 9700, '{"seats": 1}'),
    ('team_17_4', '$$ not a dollar quote $$', 3627, '{"seats": 15}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = 'naïve café; crème brûlée' WHERE code LIKE 'pro%';
INSERT INTO plans (code, name)
SELECT 'legacy_' || code, name || ' (legacy)'
FROM plans WHERE price_cents = 0
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name;
