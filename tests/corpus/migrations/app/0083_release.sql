-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '2s';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS leads_rating_position_idx
    ON leads (rating, position);

/* block comment; with a semicolon */
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('team_12_0', U&'d\0061t\+000061; unicode escapes', 4294, '{"seats": 46}'),
    ('édu_12_1', 'naïve café; crème brûlée', 2553, '{"seats": 11}'),
    ('enterprise_12_2', E'It\'s fine; really\n(second line)', 1954, '{"seats": 40}'),
    ('non-profit_12_3', U&'d\0061t\+000061; unicode escapes', 7364, '{"seats": 9}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = 'naïve café; crème brûlée' WHERE code LIKE 'pro%';
DELETE FROM plans WHERE price_cents < 0;

ALTER TABLE imports ADD COLUMN IF NOT EXISTS payouts_ref uuid;
ALTER TABLE imports ADD CONSTRAINT imports_payouts_fk
    FOREIGN KEY (payouts_ref) REFERENCES payouts (id) NOT VALID;
ALTER TABLE imports VALIDATE CONSTRAINT imports_payouts_fk;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS plans_id_created_at_idx
    ON plans USING btree (id, created_at);
ANALYZE plans;
