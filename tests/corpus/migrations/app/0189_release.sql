-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS page_views_77_2025_05
    (LIKE page_views_77 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE page_views_77_2025_05 ADD CONSTRAINT page_views_77_2025_05_bounds
    CHECK (occurred_at >= '2025-05-01' AND occurred_at < '2025-06-01');
ALTER TABLE page_views_77 ATTACH PARTITION page_views_77_2025_05
    FOR VALUES FROM ('2025-05-01') TO ('2025-06-01');
ALTER TABLE page_views_77_2025_05 DROP CONSTRAINT page_views_77_2025_05_bounds;
ALTER TABLE page_views_77 DETACH PARTITION page_views_77_2025_01;
DROP TABLE IF EXISTS page_views_77_2025_01;

/* nested /* comment; inner */ still a comment; */
ALTER TABLE sessions ADD COLUMN approved date;
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS summary inet;
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS region bytea;

/* nested /* comment; inner */ still a comment; */
ALTER TABLE campaigns ADD COLUMN rating boolean;
ALTER TABLE campaigns ADD COLUMN starts_at integer NOT NULL DEFAULT 1;
ALTER TABLE campaigns ADD COLUMN IF NOT EXISTS slug numeric(12,2) NOT NULL DEFAULT 0.00;

ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS wallets_ref bigint;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_wallets_fk
    FOREIGN KEY (wallets_ref) REFERENCES wallets (id) NOT VALID;
ALTER TABLE api_keys VALIDATE CONSTRAINT api_keys_wallets_fk;

-- identifiants non ASCII; « guillemets » et points-virgules;
CREATE TABLE "παραγγελίες" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "nom" text NOT NULL DEFAULT 'sans nom',
    "état" text NOT NULL DEFAULT 'brouillon',
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO "παραγγελίες" ("nom", "état") VALUES ('Zoë; l''été', 'publié'), ('日本語', E'ligne\nsuivante');
COMMENT ON TABLE "παραγγελίες" IS 'Données; clientes — ne pas supprimer';
