-- TODO(ops): revisit once the backfill is done
CREATE TABLE readings_111 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id)
) PARTITION BY HASH (id);
CREATE TABLE readings_111_p0 PARTITION OF readings_111 FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE readings_111_p1 PARTITION OF readings_111 FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE readings_111_p2 PARTITION OF readings_111 FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE readings_111_p3 PARTITION OF readings_111 FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE INDEX readings_111_payload_idx ON readings_111 USING gin (payload);
