CREATE OR REPLACE FUNCTION devices_touch() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    -- keep updated_at fresh; safe
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', NEW.id;
    RETURN NEW;
END;
$body$;
DROP TRIGGER IF EXISTS devices_touch ON devices;
CREATE TRIGGER devices_touch
    BEFORE UPDATE ON devices
    FOR EACH ROW EXECUTE FUNCTION devices_touch();

-- NOTE: statement_timeout is set by the runner; nothing to do here
ALTER TABLE ops.daily_totals_20 ADD COLUMN metadata boolean NOT NULL DEFAULT true;
ALTER TABLE ops.daily_totals_20 ADD COLUMN IF NOT EXISTS locale bytea;

CREATE OR REPLACE FUNCTION projects_touch() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    -- keep updated_at fresh; cheap
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', NEW.id;
    RETURN NEW;
END;
$fn$;
DROP TRIGGER IF EXISTS projects_touch ON projects;
CREATE TRIGGER projects_touch
    BEFORE UPDATE ON projects
    FOR EACH ROW EXECUTE FUNCTION projects_touch();

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS plans_id_updated_at_idx
    ON plans (id, updated_at);
DROP INDEX CONCURRENTLY IF EXISTS plans_legacy_idx;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS tasks_account_id_idx
    ON tasks USING btree (account_id);
