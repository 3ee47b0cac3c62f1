-- identifiants non ASCII; « guillemets » et points-virgules;
CREATE TABLE "straße_адреса" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "nom" text NOT NULL DEFAULT 'sans nom',
    "état" text NOT NULL DEFAULT 'brouillon',
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO "straße_адреса" ("nom", "état") VALUES ('Zoë; l''été', 'publié'), ('日本語', E'ligne\nsuivante');
COMMENT ON TABLE "straße_адреса" IS 'Données; clientes — ne pas supprimer';
