-- NOTE: statement_timeout is set by the runner; nothing to do here
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('non-profit_4_0', '$$ not a dollar quote $$', 3085, '{"seats": 41}'),
    ('édu_4_1', $$dollar; 'quoted' text$$, 1979, '{"seats": 8}'),
    ('pro_4_2', $$dollar; 'quoted' text$$, 5411, '{"seats": 18}'),
    ('édu_4_3', E'tab\there; back\\slash', 2419, '{"seats": 38}'),
    ('édu_4_4', 'naïve café; crème brûlée', 8157, '{"seats": 5}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = '$$ not a dollar quote $$' WHERE code LIKE 'pro%';

-- ünïcödé comment — “quoted”; fine
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('team_5_0', U&'d\0061t\+000061; unicode escapes', 6547, '{"seats": 46}'),
    ('team_5_1', 'O''Reilly; DROP TABLE users; --', 5192, '{"seats": 47}'),
    ('non-profit_5_2', 'semi;colon;everywhere;', 7029, '{"seats": 11}'),
    ('non-profit_5_3', 'multi
line; string', 5769, '{"seats": 26}'),
    ('pro_5_4', $note$tagged; $$ inside$note$, 9840, '{"seats": 44}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = E'It\'s fine; really\n(second line)' WHERE code LIKE 'pro%';

-- renaming breaks the old app; see the phased migrations for the safe way
ALTER TABLE accounts RENAME COLUMN summary TO version;

ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS accounts_tenant ON accounts;
CREATE POLICY accounts_tenant ON accounts
    FOR ALL TO app_rw
    USING (id::text = current_setting('app.tenant_id', true))
    WITH CHECK (id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS accounts_read ON accounts;
CREATE POLICY accounts_read ON accounts AS PERMISSIVE FOR SELECT USING (true);

/* block comment; with a semicolon */
CREATE TABLE IF NOT EXISTS answers (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    position interval NOT NULL DEFAULT interval '1 day',
    visibility text NOT NULL DEFAULT 'untitled',
    source varchar(120) NOT NULL UNIQUE,
    notes text,
    amount bytea,
    timezone boolean NOT NULL DEFAULT true,
    label smallint,
    title text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS answers_account_id_idx ON answers (account_id);
COMMENT ON TABLE answers IS U&'d\0061t\+000061; unicode escapes';
COMMENT ON COLUMN answers.created_at IS 'When the row was inserted; UTC';
