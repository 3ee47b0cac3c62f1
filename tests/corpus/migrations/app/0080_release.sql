-- TODO(ops): revisit once the backfill is done
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('pro_11_0', E'It\'s fine; really\n(second line)', 22, '{"seats": 6}'),
    ('team_11_1', E'It\'s fine; really\n(second line)', 6178, '{"seats": 5}'),
    ('team_11_2', E'tab\there; back\\slash', 9440, '{"seats": 19}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = 'multi
line; string' WHERE code LIKE 'pro%';
DELETE FROM plans WHERE price_cents < 0;
INSERT INTO plans (code, name)
SELECT 'legacy_' || code, name || ' (legacy)'
FROM plans WHERE price_cents = 0
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name;

ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS orders_tenant ON orders;
CREATE POLICY orders_tenant ON orders
    FOR ALL TO app_ro
    USING (account_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (account_id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS orders_read ON orders;
CREATE POLICY orders_read ON orders AS PERMISSIVE FOR SELECT USING (true);

-- renaming breaks the old app; see the phased migrations for the safe way
ALTER TABLE plans RENAME COLUMN checksum TO visibility;
