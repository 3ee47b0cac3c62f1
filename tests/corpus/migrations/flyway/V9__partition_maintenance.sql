/* nested /* comment; inner */ still a comment; */
CREATE TABLE events_7 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id)
) PARTITION BY HASH (id);
CREATE TABLE events_7_p0 PARTITION OF events_7 FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE events_7_p1 PARTITION OF events_7 FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE events_7_p2 PARTITION OF events_7 FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE events_7_p3 PARTITION OF events_7 FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE INDEX events_7_payload_idx ON events_7 USING gin (payload);
