-- identifiants non ASCII; « guillemets » et points-virgules;
CREATE TABLE "注文履歴" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "nom" text NOT NULL DEFAULT 'sans nom',
    "état" text NOT NULL DEFAULT 'brouillon',
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO "注文履歴" ("nom", "état") VALUES ('Zoë; l''été', 'publié'), ('日本語', E'ligne\nsuivante');
COMMENT ON TABLE "注文履歴" IS 'Données; clientes — ne pas supprimer';
