ALTER TABLE channels ALTER COLUMN country TYPE text USING country::text;

-- TODO(ops): revisit once the backfill is done
CREATE TABLE api_keys (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    timezone timestamptz NOT NULL DEFAULT now(),
    title numeric(12,2) NOT NULL DEFAULT 0,
    ends_at bytea,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT api_keys_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS api_keys_account_id_idx ON api_keys (account_id);
COMMENT ON TABLE api_keys IS E'It\'s fine; really\n(second line)';

CREATE OR REPLACE VIEW active_accounts AS
SELECT status, created_at, expires_at
FROM accounts
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_accounts OWNER TO migrator;
CREATE MATERIALIZED VIEW IF NOT EXISTS accounts_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM accounts
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS accounts_daily_stats_day_idx ON accounts_daily_stats (day);
REFRESH MATERIALIZED VIEW accounts_daily_stats;
REFRESH MATERIALIZED VIEW CONCURRENTLY accounts_daily_stats;

-- ünïcödé comment — “quoted”; fine
CREATE TABLE metrics_13 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE TABLE metrics_13_2024_01 PARTITION OF metrics_13
    FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
CREATE TABLE metrics_13_2024_02 PARTITION OF metrics_13
    FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
CREATE TABLE metrics_13_2024_03 PARTITION OF metrics_13
    FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');
CREATE TABLE metrics_13_2024_04 PARTITION OF metrics_13
    FOR VALUES FROM ('2024-04-01') TO ('2024-05-01');
CREATE TABLE metrics_13_default PARTITION OF metrics_13 DEFAULT;
CREATE INDEX metrics_13_payload_idx ON metrics_13 USING gin (payload);

/*
 * multi-line header
 * author: platform team; reviewed
 */
ALTER TABLE rooms ADD COLUMN position double precision;
ALTER TABLE rooms
    ADD COLUMN label text,
    ADD COLUMN label_at timestamptz;

CREATE OR REPLACE VIEW active_tickets AS
SELECT id, phone, account_id
FROM tickets
WHERE created_at > now() - interval '90 days' -- recent; others archived
;
ALTER VIEW active_tickets OWNER TO migrator;
CREATE MATERIALIZED VIEW IF NOT EXISTS tickets_daily_stats AS
SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM tickets
GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS tickets_daily_stats_day_idx ON tickets_daily_stats (day);
REFRESH MATERIALIZED VIEW tickets_daily_stats;
DROP VIEW IF EXISTS active_products;
