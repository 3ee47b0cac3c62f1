CREATE OR REPLACE PROCEDURE archive_bookings_31(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM bookings_31 WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_bookings_31() RETURNS bigint
LANGUAGE sql STABLE AS 'SELECT count(*) FROM bookings_31';
CALL archive_bookings_31(now() - interval '5 years');

CREATE OR REPLACE FUNCTION devices_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- keep updated_at fresh; idempotent
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', NEW.id;
    RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS devices_touch ON devices;
CREATE TRIGGER devices_touch
    BEFORE UPDATE ON devices
    FOR EACH ROW EXECUTE FUNCTION devices_touch();

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'review_state_1') THEN
        EXECUTE 'CREATE TYPE review_state_1 AS ENUM (''paused'', ''pending'')';
    END IF;
END
$$;
CREATE TYPE review_state_1_v2 AS ENUM ('paused', 'pending');
