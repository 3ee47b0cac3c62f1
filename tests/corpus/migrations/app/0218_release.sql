-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS bookings_31_created_at_idx
    ON bookings_31 USING btree (created_at);

/* nested /* comment; inner */ still a comment; */
ALTER TABLE projects ADD COLUMN IF NOT EXISTS body bytea;
ALTER TABLE projects ADD COLUMN due_on uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE projects ADD COLUMN notes date;
ALTER TABLE projects
    ADD COLUMN amount text,
    ADD COLUMN amount_at timestamptz;

-- TODO(ops): revisit once the backfill is done
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('non-profit_23_0', $note$tagged; $$ inside$note$, 5582, '{"seats": 29}'),
    ('team_23_1', 'naïve café; crème brûlée', 3759, '{"seats": 8}'),
    ('non-profit_23_2', $$dollar; 'quoted' text$$, 9310, '{"seats": 29}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = 'O''Reilly; DROP TABLE users; --' WHERE code LIKE 'pro%';
