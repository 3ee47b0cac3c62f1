DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'review_state_6') THEN
        EXECUTE 'CREATE TYPE review_state_6 AS ENUM (''active'', ''cancelled'', ''archived'')';
    END IF;
END
$$;
CREATE TYPE review_state_6_v2 AS ENUM ('active', 'cancelled', 'archived');

MERGE INTO order_items AS target
USING (SELECT id, account_id FROM order_items ORDER BY id LIMIT 100) AS source
ON target.id = source.id
WHEN MATCHED THEN UPDATE SET account_id = source.account_id
WHEN NOT MATCHED THEN DO NOTHING;

DROP VIEW active_locations;
CREATE OR REPLACE VIEW active_locations AS
SELECT locale, created_at, updated_at
FROM locations
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_locations OWNER TO migrator;
REFRESH MATERIALIZED VIEW CONCURRENTLY locations_daily_stats;
