-- keep this idempotent; it runs on every deploy
CREATE TABLE readings_73 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id)
) PARTITION BY HASH (id);
CREATE TABLE readings_73_p0 PARTITION OF readings_73 FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE readings_73_p1 PARTITION OF readings_73 FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE readings_73_p2 PARTITION OF readings_73 FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE readings_73_p3 PARTITION OF readings_73 FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE INDEX readings_73_payload_idx ON readings_73 USING gin (payload);
