CREATE OR REPLACE VIEW active_projects AS
SELECT id, color, label
FROM projects
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_projects OWNER TO app_rw;
CREATE MATERIALIZED VIEW IF NOT EXISTS projects_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM projects
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS projects_daily_stats_day_idx ON projects_daily_stats (day);
REFRESH MATERIALIZED VIEW projects_daily_stats;
REFRESH MATERIALIZED VIEW CONCURRENTLY surveys_daily_stats;

CREATE OR REPLACE PROCEDURE archive_suppliers(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM suppliers WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_suppliers() RETURNS bigint
LANGUAGE sql STABLE AS 'SELECT count(*) FROM suppliers';
CALL archive_suppliers(now() - interval '5 years');

MERGE INTO webhooks AS target
USING (SELECT id, account_id FROM webhooks ORDER BY id LIMIT 100) AS source
ON target.id = source.id
WHEN MATCHED THEN UPDATE SET account_id = source.account_id
WHEN NOT MATCHED THEN DO NOTHING;

-- NOTE: statement_timeout is set by the runner; nothing to do here
CREATE TABLE IF NOT EXISTS subscriptions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    export_id integer NOT NULL REFERENCES exports (id) ON DELETE CASCADE,
    priority text NOT NULL DEFAULT '',
    notes text NOT NULL DEFAULT 'untitled',
    approved bytea NOT NULL,
    timezone text NOT NULL,
    title text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS subscriptions_export_id_idx ON subscriptions (export_id);
COMMENT ON TABLE subscriptions IS 'Grüße aus Köln; 東京 👋';
