-- NOTE: statement_timeout is set by the runner; nothing to do here
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('édu_38_0', 'O''Reilly; DROP TABLE users; --', 7626, '{"seats": 36}'),
    ('non-profit_38_1', 'semi;colon;everywhere;', 1757, '{"seats": 18}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = 'O''Reilly; DROP TABLE users; --' WHERE code LIKE 'pro%';
