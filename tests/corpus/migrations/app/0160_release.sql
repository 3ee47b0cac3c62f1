CREATE SEQUENCE IF NOT EXISTS order_items_body_seq START WITH 1000 INCREMENT BY 1 CACHE 1;
ALTER TABLE order_items ADD COLUMN IF NOT EXISTS body bigint;
ALTER TABLE order_items ALTER COLUMN body SET DEFAULT nextval('order_items_body_seq');
ALTER SEQUENCE order_items_body_seq OWNED BY order_items.body;
SELECT setval('order_items_body_seq', 1000, false);

ALTER TABLE plans ALTER COLUMN tax_rate SET DEFAULT U&'d\0061t\+000061; unicode escapes';
ALTER TABLE plans ALTER COLUMN tax_rate DROP DEFAULT;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS teams_status_idx
    ON teams (status) WHERE created_at > '2020-01-01';
ANALYZE teams;

GRANT USAGE ON SCHEMA public TO reporting;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reporting;
REVOKE DELETE ON orders FROM app_ro;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO reporting;
