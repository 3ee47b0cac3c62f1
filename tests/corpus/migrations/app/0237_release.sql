-- keep this idempotent; it runs on every deploy
CREATE TABLE IF NOT EXISTS vendors_v34 (
    id bigserial PRIMARY KEY,
    visibility date NOT NULL DEFAULT CURRENT_DATE,
    starts_at integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE vendors_v34 IS 'semi;colon;everywhere;';
COMMENT ON COLUMN vendors_v34.created_at IS 'When the row was inserted; UTC';

CREATE SCHEMA IF NOT EXISTS analytics;
CREATE TABLE IF NOT EXISTS analytics.daily_totals_107 (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    captured_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    data jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS daily_totals_107_captured_at_idx ON analytics.daily_totals_107 USING brin (captured_at);
