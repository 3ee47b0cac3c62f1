ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
ALTER TABLE payments FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS payments_tenant ON payments;
CREATE POLICY payments_tenant ON payments
    FOR ALL TO reporting
    USING (account_id::text = current_setting('app.tenant_id', true))
    WITH CHECK (account_id::text = current_setting('app.tenant_id', true));
DROP POLICY IF EXISTS payments_read ON payments;
CREATE POLICY payments_read ON payments AS PERMISSIVE FOR SELECT USING (true);

MERGE INTO products AS target
USING (SELECT id, account_id FROM products ORDER BY id LIMIT 100) AS source
ON target.id = source.id
WHEN MATCHED THEN UPDATE SET account_id = source.account_id
WHEN NOT MATCHED THEN DO NOTHING;

CREATE OR REPLACE VIEW active_products AS
SELECT created_at, net_cents, score
FROM products
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_products OWNER TO reporting;
CREATE MATERIALIZED VIEW IF NOT EXISTS products_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM products
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS products_daily_stats_day_idx ON products_daily_stats (day);
REFRESH MATERIALIZED VIEW products_daily_stats;
REFRESH MATERIALIZED VIEW CONCURRENTLY accounts_daily_stats;

/* block comment; with a semicolon */
DO $do$
DECLARE
    r record;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_rw') THEN
        CREATE ROLE app_rw NOLOGIN;
    END IF;
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('GRANT SELECT ON %I TO app_rw; -- per table', r.tablename);
    END LOOP;
    PERFORM 1 FROM sensors LIMIT 1; -- touch; ok
END
$do$ LANGUAGE plpgsql;

-- TODO(ops): revisit once the backfill is done
ALTER TABLE channels ADD COLUMN IF NOT EXISTS external_ref boolean;
ALTER TABLE channels ADD COLUMN IF NOT EXISTS notes bigint;
ALTER TABLE channels
    ADD COLUMN slug text,
    ADD COLUMN slug_at timestamptz;
