-- TODO(ops): revisit once the backfill is done
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('pro_45_0', 'O''Reilly; DROP TABLE users; --', 5405, '{"seats": 13}'),
    ('pro_45_1', 'naïve café; crème brûlée', 1744, '{"seats": 30}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = 'naïve café; crème brûlée' WHERE code LIKE 'pro%';
DELETE FROM plans WHERE price_cents < 0;
