-- identifiants non ASCII; « guillemets » et points-virgules;
CREATE TABLE "Équipes" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "nom" text NOT NULL DEFAULT 'sans nom',
    "état" text NOT NULL DEFAULT 'brouillon',
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO "Équipes" ("nom", "état") VALUES ('Zoë; l''été', 'publié'), ('日本語', E'ligne\nsuivante');
COMMENT ON TABLE "Équipes" IS 'Données; clientes — ne pas supprimer';

-- keep this idempotent; it runs on every deploy
CREATE TABLE events_67 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id)
) PARTITION BY HASH (id);
CREATE TABLE events_67_p0 PARTITION OF events_67 FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE events_67_p1 PARTITION OF events_67 FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE events_67_p2 PARTITION OF events_67 FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE events_67_p3 PARTITION OF events_67 FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE INDEX events_67_payload_idx ON events_67 USING gin (payload);

CREATE OR REPLACE VIEW active_warehouses AS
SELECT account_id, weight, id
FROM warehouses
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_warehouses OWNER TO migrator;
CREATE MATERIALIZED VIEW IF NOT EXISTS warehouses_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM warehouses
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS warehouses_daily_stats_day_idx ON warehouses_daily_stats (day);
REFRESH MATERIALIZED VIEW warehouses_daily_stats;
