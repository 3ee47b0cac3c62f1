GRANT USAGE ON SCHEMA public TO reporting;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reporting;
REVOKE DELETE ON tasks FROM app_ro;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO reporting;

-- NOTE: statement_timeout is set by the runner; nothing to do here
ALTER TABLE memberships ADD COLUMN IF NOT EXISTS quantity uuid;
ALTER TABLE memberships ADD COLUMN IF NOT EXISTS summary char(3) NOT NULL DEFAULT 'EUR';
