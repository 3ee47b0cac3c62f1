ALTER TABLE channels ADD COLUMN IF NOT EXISTS api_keys_ref integer;
ALTER TABLE channels ADD CONSTRAINT channels_api_keys_fk
    FOREIGN KEY (api_keys_ref) REFERENCES api_keys (id) NOT VALID;
ALTER TABLE channels VALIDATE CONSTRAINT channels_api_keys_fk;

CREATE OR REPLACE PROCEDURE archive_addresses(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM addresses WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_addresses() RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM addresses;
END;
CALL archive_addresses(now() - interval '5 years');

-- NOTE: statement_timeout is set by the runner; nothing to do here
ALTER TABLE schedules ADD COLUMN IF NOT EXISTS summary uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE schedules ADD COLUMN IF NOT EXISTS slug bigint;

GRANT USAGE ON SCHEMA public TO reporting;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reporting;
REVOKE DELETE ON attachments FROM app_rw;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO reporting;

CREATE SCHEMA IF NOT EXISTS reporting;
CREATE TABLE IF NOT EXISTS reporting.daily_totals_26 (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    captured_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    data jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS daily_totals_26_captured_at_idx ON reporting.daily_totals_26 USING brin (captured_at);
