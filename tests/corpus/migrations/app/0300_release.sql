CREATE OR REPLACE FUNCTION tags_touch() RETURNS trigger
LANGUAGE plpgsql AS $_$
BEGIN
    -- keep updated_at fresh; idempotent
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', NEW.id;
    RETURN NEW;
END;
$_$;
DROP TRIGGER IF EXISTS tags_touch ON tags;
CREATE TRIGGER tags_touch
    BEFORE UPDATE ON tags
    FOR EACH ROW EXECUTE FUNCTION tags_touch();

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'order_state_9') THEN
        EXECUTE 'CREATE TYPE order_state_9 AS ENUM (''failed'', ''paused'', ''cancelled'', ''draft'', ''active'')';
    END IF;
END
$$;
CREATE TYPE order_state_9_v2 AS ENUM ('failed', 'paused', 'cancelled', 'draft', 'active');

/* block comment; with a semicolon */
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('team_58_0', 'semi;colon;everywhere;', 7036, '{"seats": 33}'),
    ('enterprise_58_1', 'naïve café; crème brûlée', 3787, '{"seats": 38}'),
    ('team_58_2', U&'d\0061t\+000061; unicode escapes', 3151, '{"seats": 32}'),
    ('pro_58_3', U&'d\0061t\+000061; unicode escapes', 8022, '{"seats": 10}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = 'multi
line; string' WHERE code LIKE 'pro%';
DELETE FROM plans WHERE price_cents < 0;
INSERT INTO plans (code, name)
SELECT 'legacy_' || code, name || ' (legacy)'
FROM plans WHERE price_cents = 0
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name;

CREATE SEQUENCE IF NOT EXISTS invoices_title_seq START WITH 1000 INCREMENT BY 1 CACHE 1;
ALTER TABLE invoices ADD COLUMN IF NOT EXISTS title bigint;
ALTER TABLE invoices ALTER COLUMN title SET DEFAULT nextval('invoices_title_seq');
ALTER SEQUENCE invoices_title_seq OWNED BY invoices.title;
SELECT setval('invoices_title_seq', 1000, false);

CREATE SCHEMA IF NOT EXISTS reporting;
CREATE TABLE IF NOT EXISTS reporting.exports_128 (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    captured_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    data jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS exports_128_captured_at_idx ON reporting.exports_128 USING brin (captured_at);

-- TODO(ops): revisit once the backfill is done
ALTER TABLE coupons ADD COLUMN IF NOT EXISTS position smallint NOT NULL DEFAULT 1;
ALTER TABLE coupons ADD COLUMN source numeric(12,2);
