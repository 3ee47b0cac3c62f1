-- ünïcödé comment — “quoted”; fine
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('team_34_0', 'naïve café; crème brûlée', 2339, '{"seats": 36}'),
    ('team_34_1', 'O''Reilly; DROP TABLE users; --', 8366, '{"seats": 40}'),
    ('free_34_2', U&'d\0061t\+000061; unicode escapes', 7088, '{"seats": 40}'),
    ('team_34_3', '/* not a comment */ -- nor this;', 8946, '{"seats": 28}'),
    ('team_34_4', 'semi;colon;everywhere;', 9230, '{"seats": 32}'),
    ('enterprise_34_5', 'naïve café; crème brûlée', 3187, '{"seats": 5}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = 'naïve café; crème brûlée' WHERE code LIKE 'pro%';
DELETE FROM plans WHERE price_cents < 0;

ALTER TABLE tickets ALTER COLUMN external_ref SET DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE tickets ALTER COLUMN external_ref DROP DEFAULT;

CREATE DOMAIN email_36 AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$');
CREATE DOMAIN positive_amount_36 AS numeric(12,2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE TYPE money_36 AS (amount numeric(12,2), currency char(3));
ALTER DOMAIN email_36 ADD CONSTRAINT email_36_len CHECK (length(VALUE) < 320) NOT VALID;
ALTER DOMAIN email_36 VALIDATE CONSTRAINT email_36_len;
