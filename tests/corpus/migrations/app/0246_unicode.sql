-- keep this idempotent; it runs on every deploy
CREATE TABLE IF NOT EXISTS surveys_v40 (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    body smallint NOT NULL DEFAULT 1,
    title integer NOT NULL DEFAULT 0 CHECK (title >= 0),
    priority char(3) NOT NULL DEFAULT 'EUR',
    url varchar(120) NOT NULL DEFAULT 'n/a',
    color inet,
    archived uuid NOT NULL,
    starts_at inet,
    subtitle text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(subtitle, ''))) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT surveys_v40_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS surveys_v40_account_id_idx ON surveys_v40 (account_id);
COMMENT ON TABLE surveys_v40 IS U&'d\0061t\+000061; unicode escapes';
COMMENT ON COLUMN surveys_v40.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON surveys_v40 TO app_rw;
