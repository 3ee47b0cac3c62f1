-- NOTE: statement_timeout is set by the runner; nothing to do here
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('non-profit_2_0', '/* not a comment */ -- nor this;', 9962, '{"seats": 8}'),
    ('non-profit_2_1', '$$ not a dollar quote $$', 514, '{"seats": 32}'),
    ('enterprise_2_2', 'naïve café; crème brûlée', 4778, '{"seats": 17}'),
    ('non-profit_2_3', 'multi
line; string', 7926, '{"seats": 30}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = '/* not a comment */ -- nor this;' WHERE code LIKE 'pro%';
DELETE FROM plans WHERE price_cents < 0;

/*
 * multi-line header
 * author: platform team; reviewed
 */
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS citext;
