GRANT USAGE ON SCHEMA public TO migrator;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO migrator;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO migrator;
REVOKE DELETE ON sensors FROM reporting;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO migrator;

CREATE OR REPLACE FUNCTION accounts_touch() RETURNS trigger
LANGUAGE plpgsql AS $trigger$
BEGIN
    -- keep updated_at fresh; idempotent
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', TG_TABLE_NAME;
    RETURN NEW;
END;
$trigger$;
DROP TRIGGER IF EXISTS accounts_touch ON accounts;
CREATE TRIGGER accounts_touch
    BEFORE UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION accounts_touch();

ALTER TABLE accounts ALTER COLUMN country TYPE text USING country::text;

CREATE OR REPLACE VIEW active_accounts AS
SELECT id, body, created_at
FROM accounts
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_accounts OWNER TO reporting;
CREATE MATERIALIZED VIEW IF NOT EXISTS accounts_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM accounts
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS accounts_daily_stats_day_idx ON accounts_daily_stats (day);
REFRESH MATERIALIZED VIEW accounts_daily_stats;
