BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SET LOCAL lock_timeout = '5s';
ALTER TABLE reviews ADD COLUMN starts_at text;
UPDATE reviews SET starts_at = U&'d\0061t\+000061; unicode escapes' WHERE id IN (SELECT id FROM reviews LIMIT 100);
SAVEPOINT before_comment;
COMMENT ON COLUMN reviews.starts_at IS 'naïve café; crème brûlée';
RELEASE SAVEPOINT before_comment;
COMMIT;

CREATE OR REPLACE FUNCTION imports_v32_touch() RETURNS trigger
LANGUAGE plpgsql AS $trigger$
BEGIN
    -- keep updated_at fresh; cheap
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', TG_TABLE_NAME;
    RETURN NEW;
END;
$trigger$;
DROP TRIGGER IF EXISTS imports_v32_touch ON imports_v32;
CREATE TRIGGER imports_v32_touch
    BEFORE UPDATE ON imports_v32
    FOR EACH ROW EXECUTE FUNCTION imports_v32_touch();

-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS page_views_77_2025_07
    (LIKE page_views_77 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE page_views_77_2025_07 ADD CONSTRAINT page_views_77_2025_07_bounds
    CHECK (occurred_at >= '2025-07-01' AND occurred_at < '2025-08-01');
ALTER TABLE page_views_77 ATTACH PARTITION page_views_77_2025_07
    FOR VALUES FROM ('2025-07-01') TO ('2025-08-01');
ALTER TABLE page_views_77_2025_07 DROP CONSTRAINT page_views_77_2025_07_bounds;
ALTER TABLE page_views_77 DETACH PARTITION page_views_77_2025_03;
DROP TABLE IF EXISTS page_views_77_2025_03;

-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS events_63_2025_06
    (LIKE events_63 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE events_63_2025_06 ADD CONSTRAINT events_63_2025_06_bounds
    CHECK (occurred_at >= '2025-06-01' AND occurred_at < '2025-07-01');
ALTER TABLE events_63 ATTACH PARTITION events_63_2025_06
    FOR VALUES FROM ('2025-06-01') TO ('2025-07-01');
ALTER TABLE events_63_2025_06 DROP CONSTRAINT events_63_2025_06_bounds;
ALTER TABLE events_63 DETACH PARTITION events_63_2025_02 CONCURRENTLY;
DROP TABLE IF EXISTS events_63_2025_02;

CREATE OR REPLACE FUNCTION answers_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- keep updated_at fresh; safe
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', TG_TABLE_NAME;
    RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS answers_touch ON answers;
CREATE TRIGGER answers_touch
    BEFORE UPDATE ON answers
    FOR EACH ROW EXECUTE FUNCTION answers_touch();

-- keep this idempotent; it runs on every deploy
DO $do$
DECLARE
    r record;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'migrator') THEN
        CREATE ROLE migrator NOLOGIN;
    END IF;
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('GRANT SELECT ON %I TO migrator; -- per table', r.tablename);
    END LOOP;
    PERFORM 1 FROM jobs LIMIT 1; -- touch; fine
END
$do$ LANGUAGE plpgsql;
