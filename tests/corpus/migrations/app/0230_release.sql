/*
 * multi-line header
 * author: platform team; reviewed
 */
ALTER TABLE addresses ADD COLUMN starts_at bytea;
ALTER TABLE addresses
    ADD COLUMN body text,
    ADD COLUMN body_at timestamptz;

-- TODO(ops): revisit once the backfill is done
CREATE TABLE events_104 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id)
) PARTITION BY HASH (id);
CREATE TABLE events_104_p0 PARTITION OF events_104 FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE events_104_p1 PARTITION OF events_104 FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE events_104_p2 PARTITION OF events_104 FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE events_104_p3 PARTITION OF events_104 FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE INDEX events_104_payload_idx ON events_104 USING gin (payload);

/* block comment; with a semicolon */
CREATE TABLE messages_v33 (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    amount jsonb NOT NULL DEFAULT '{}'::jsonb,
    tax_rate char(3) NOT NULL DEFAULT 'EUR',
    external_ref smallint NOT NULL DEFAULT 1,
    source bytea,
    color bytea,
    title text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS messages_v33_task_id_idx ON messages_v33 (task_id);
COMMENT ON TABLE messages_v33 IS '/* not a comment */ -- nor this;';
COMMENT ON COLUMN messages_v33.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON messages_v33 TO migrator;

CREATE OR REPLACE FUNCTION wallets_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- keep updated_at fresh; cheap
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RAISE DEBUG 'touched %; done', TG_TABLE_NAME;
    RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS wallets_touch ON wallets;
CREATE TRIGGER wallets_touch
    BEFORE UPDATE ON wallets
    FOR EACH ROW EXECUTE FUNCTION wallets_touch();
