CREATE OR REPLACE FUNCTION daily_totals_70_touch() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    -- keep updated_at fresh; idempotent
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', NEW.id;
    RETURN NEW;
END;
$body$;
DROP TRIGGER IF EXISTS daily_totals_70_touch ON analytics.daily_totals_70;
CREATE TRIGGER daily_totals_70_touch
    BEFORE UPDATE ON analytics.daily_totals_70
    FOR EACH ROW EXECUTE FUNCTION daily_totals_70_touch();

CREATE OR REPLACE FUNCTION daily_totals_70_audit() RETURNS trigger AS $audit$
DECLARE
    payload jsonb;
BEGIN
    payload := to_jsonb(COALESCE(NEW, OLD));
    EXECUTE format($q$INSERT INTO audit_log (table_name, op, row_data) VALUES (%L, %L, %L)$q$,
                   TG_TABLE_NAME, TG_OP, payload);
    RETURN NULL; -- AFTER trigger; result ignored
END
$audit$ LANGUAGE plpgsql SECURITY DEFINER;
DROP TRIGGER IF EXISTS daily_totals_70_audit ON analytics.daily_totals_70;
CREATE TRIGGER daily_totals_70_audit AFTER INSERT OR UPDATE OR DELETE ON analytics.daily_totals_70
    FOR EACH ROW EXECUTE PROCEDURE daily_totals_70_audit();

CREATE DOMAIN email_55 AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$');
CREATE DOMAIN positive_amount_55 AS numeric(12,2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE TYPE money_55 AS (amount numeric(12,2), currency char(3));
ALTER DOMAIN email_55 ADD CONSTRAINT email_55_len CHECK (length(VALUE) < 320) NOT VALID;
ALTER DOMAIN email_55 VALIDATE CONSTRAINT email_55_len;
