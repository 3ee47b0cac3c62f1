-- TODO(ops): revisit once the backfill is done
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('édu_28_0', 'naïve café; crème brûlée', 3942, '{"seats": 27}'),
    ('free_28_1', $$dollar; 'quoted' text$$, 8963, '{"seats": 12}'),
    ('enterprise_28_2', '/* not a comment */ -- nor this;', 6464, '{"seats": 33}'),
    ('team_28_3', '$$ not a dollar quote $$', 3796, '{"seats": 21}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = U&'d\0061t\+000061; unicode escapes' WHERE code LIKE 'pro%';
DELETE FROM plans WHERE price_cents < 0;

CREATE OR REPLACE FUNCTION answers_touch() RETURNS trigger
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
DROP TRIGGER IF EXISTS answers_touch ON answers;
CREATE TRIGGER answers_touch
    BEFORE UPDATE ON answers
    FOR EACH ROW EXECUTE FUNCTION answers_touch();

CREATE OR REPLACE FUNCTION answers_audit() RETURNS trigger AS $audit$
DECLARE
    payload jsonb;
BEGIN
    payload := to_jsonb(COALESCE(NEW, OLD));
    EXECUTE format($q$INSERT INTO audit_log (table_name, op, row_data) VALUES (%L, %L, %L)$q$,
                   TG_TABLE_NAME, TG_OP, payload);
    RETURN NULL; -- AFTER trigger; result ignored
END
$audit$ LANGUAGE plpgsql SECURITY DEFINER;
DROP TRIGGER IF EXISTS answers_audit ON answers;
CREATE TRIGGER answers_audit AFTER INSERT OR UPDATE OR DELETE ON answers
    FOR EACH ROW EXECUTE PROCEDURE answers_audit();
