/* block comment; with a semicolon */
ALTER TABLE webhooks ADD COLUMN IF NOT EXISTS balance text NOT NULL DEFAULT '';
ALTER TABLE webhooks
    ADD COLUMN slug text,
    ADD COLUMN slug_at timestamptz;

GRANT USAGE ON SCHEMA public TO reporting;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reporting;
REVOKE DELETE ON answers FROM migrator;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO reporting;

ALTER TABLE shipments ALTER COLUMN label DROP NOT NULL;
