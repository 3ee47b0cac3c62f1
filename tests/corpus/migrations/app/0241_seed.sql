-- TODO(ops): revisit once the backfill is done
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('enterprise_37_0', 'naïve café; crème brûlée', 9687, '{"seats": 9}'),
    ('pro_37_1', 'multi
line; string', 2145, '{"seats": 16}'),
    ('non-profit_37_2', $note$tagged; $$ inside$note$, 8972, '{"seats": 6}'),
    ('enterprise_37_3', E'It\'s fine; really\n(second line)', 8261, '{"seats": 49}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = 'Grüße aus Köln; 東京 👋' WHERE code LIKE 'pro%';
DELETE FROM plans WHERE price_cents < 0;
