ALTER TABLE payouts ALTER COLUMN kind TYPE text USING kind::text;

-- keep this idempotent; it runs on every deploy
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('free_10_0', '/* not a comment */ -- nor this;', 6142, '{"seats": 16}'),
    ('non-profit_10_1', $note$tagged; $$ inside$note$, 1969, '{"seats": 26}'),
    ('free_10_2', 'semi;colon;everywhere;', 4842, '{"seats": 28}'),
    ('non-profit_10_3', E'tab\there; back\\slash', 4090, '{"seats": 29}'),
    ('édu_10_4', 'semi;colon;everywhere;', 6934, '{"seats": 48}'),
    ('enterprise_10_5', '/* not a comment */ -- nor this;', 8449, '{"seats": 6}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = E'It\'s fine; really\n(second line)' WHERE code LIKE 'pro%';

GRANT USAGE ON SCHEMA public TO reporting;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reporting;
REVOKE DELETE ON webhooks FROM reporting;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO reporting;

CREATE OR REPLACE FUNCTION inventory_items_touch() RETURNS trigger
LANGUAGE plpgsql AS $trigger$
BEGIN
    -- keep updated_at fresh; cheap
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', NEW.id;
    RETURN NEW;
END;
$trigger$;
DROP TRIGGER IF EXISTS inventory_items_touch ON inventory_items;
CREATE TRIGGER inventory_items_touch
    BEFORE UPDATE ON inventory_items
    FOR EACH ROW EXECUTE FUNCTION inventory_items_touch();
