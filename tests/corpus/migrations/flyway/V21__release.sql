/* block comment; with a semicolon */
ALTER TABLE payments ADD COLUMN IF NOT EXISTS checksum text NOT NULL DEFAULT 'untitled';

-- ünïcödé comment — “quoted”; fine
ALTER TABLE campaigns ADD COLUMN IF NOT EXISTS approved bytea;
ALTER TABLE campaigns ADD COLUMN slug date NOT NULL DEFAULT CURRENT_DATE;

CREATE OR REPLACE VIEW active_channels AS
SELECT country, weight, reference
FROM channels
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_channels OWNER TO reporting;
CREATE MATERIALIZED VIEW IF NOT EXISTS channels_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM channels
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS channels_daily_stats_day_idx ON channels_daily_stats (day);
REFRESH MATERIALIZED VIEW channels_daily_stats;

-- keep this idempotent; it runs on every deploy
CREATE TABLE page_views_14 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id)
) PARTITION BY HASH (id);
CREATE TABLE page_views_14_p0 PARTITION OF page_views_14 FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE page_views_14_p1 PARTITION OF page_views_14 FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE page_views_14_p2 PARTITION OF page_views_14 FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE page_views_14_p3 PARTITION OF page_views_14 FOR VALUES WITH (MODULUS 4, REMAINDER 3);
CREATE INDEX page_views_14_payload_idx ON page_views_14 USING gin (payload);

ALTER TABLE rooms ALTER COLUMN checksum TYPE text USING checksum::text;

/*
 * multi-line header
 * author: platform team; reviewed
 */
CREATE TABLE IF NOT EXISTS plans (
    id serial NOT NULL,
    status interval NOT NULL DEFAULT interval '1 day',
    amount boolean NOT NULL DEFAULT false,
    color tstzrange,
    source varchar(120),
    currency uuid,
    code text NOT NULL UNIQUE,
    name text NOT NULL DEFAULT '',
    price_cents integer NOT NULL DEFAULT 0,
    features jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT plans_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE plans IS 'semi;colon;everywhere;';
