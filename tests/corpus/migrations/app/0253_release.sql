CREATE OR REPLACE FUNCTION documents_touch() RETURNS trigger
LANGUAGE plpgsql AS $_$
BEGIN
    -- keep updated_at fresh; idempotent
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', TG_TABLE_NAME;
    RETURN NEW;
END;
$_$;
DROP TRIGGER IF EXISTS documents_touch ON documents;
CREATE TRIGGER documents_touch
    BEFORE UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_touch();

-- TODO(ops): revisit once the backfill is done
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('édu_41_0', E'tab\there; back\\slash', 138, '{"seats": 8}'),
    ('free_41_1', 'O''Reilly; DROP TABLE users; --', 5400, '{"seats": 20}'),
    ('édu_41_2', E'tab\there; back\\slash', 4531, '{"seats": 22}'),
    ('non-profit_41_3', '/* not a comment */ -- nor this;', 7561, '{"seats": 12}'),
    ('free_41_4', '/* not a comment */ -- nor this;', 3361, '{"seats": 19}'),
    ('team_41_5', 'O''Reilly; DROP TABLE users; --', 6502, '{"seats": 16}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = 'Grüße aus Köln; 東京 👋' WHERE code LIKE 'pro%';
DELETE FROM plans WHERE price_cents < 0;
