-- keep this idempotent; it runs on every deploy
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('team_19_0', 'O''Reilly; DROP TABLE users; --', 1724, '{"seats": 40}'),
    ('non-profit_19_1', '$$ not a dollar quote $$', 7545, '{"seats": 5}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = E'tab\there; back\\slash' WHERE code LIKE 'pro%';
