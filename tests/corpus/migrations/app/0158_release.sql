CREATE OR REPLACE FUNCTION bookings_34_touch() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    -- keep updated_at fresh; idempotent
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', NEW.id;
    RETURN NEW;
END;
$fn$;
DROP TRIGGER IF EXISTS bookings_34_touch ON bookings_34;
CREATE TRIGGER bookings_34_touch
    BEFORE UPDATE ON bookings_34
    FOR EACH ROW EXECUTE FUNCTION bookings_34_touch();

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS teams_account_id_idx
    ON teams USING btree (account_id);

-- ünïcödé comment — “quoted”; fine
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS quantity smallint;
