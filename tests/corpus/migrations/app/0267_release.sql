/* nested /* comment; inner */ still a comment; */
ALTER TABLE payments ADD COLUMN checksum smallint NOT NULL DEFAULT 1;
ALTER TABLE payments ADD COLUMN phone boolean;

-- ünïcödé comment — “quoted”; fine
CREATE TABLE IF NOT EXISTS invoices_v49 (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    color jsonb,
    notes date NOT NULL,
    visibility double precision NOT NULL DEFAULT 0,
    version varchar(120) NOT NULL DEFAULT 'n/a',
    quantity text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS invoices_v49_account_id_idx ON invoices_v49 (account_id);
COMMENT ON TABLE invoices_v49 IS 'Grüße aus Köln; 東京 👋';
GRANT SELECT, INSERT, UPDATE, DELETE ON invoices_v49 TO app_rw;

UPDATE vendors SET external_ref_at = now() WHERE external_ref_at IS NULL; -- backfill first
ALTER TABLE vendors ADD CONSTRAINT vendors_external_ref_at_nn_check CHECK (external_ref_at IS NOT NULL) NOT VALID;
ALTER TABLE vendors VALIDATE CONSTRAINT vendors_external_ref_at_nn_check;
ALTER TABLE vendors ALTER COLUMN external_ref_at SET NOT NULL;
ALTER TABLE vendors DROP CONSTRAINT vendors_external_ref_at_nn_check;

-- ünïcödé comment — “quoted”; fine
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('enterprise_49_0', E'It\'s fine; really\n(second line)', 3176, '{"seats": 46}'),
    ('enterprise_49_1', E'tab\there; back\\slash', 959, '{"seats": 10}'),
    ('free_49_2', 'O''Reilly; DROP TABLE users; --', 3023, '{"seats": 21}'),
    ('édu_49_3', E'It\'s fine; really\n(second line)', 2523, '{"seats": 17}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = 'Grüße aus Köln; 東京 👋' WHERE code LIKE 'pro%';
DELETE FROM plans WHERE price_cents < 0;
INSERT INTO plans (code, name)
SELECT 'legacy_' || code, name || ' (legacy)'
FROM plans WHERE price_cents = 0
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name;
