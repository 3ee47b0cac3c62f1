/*
 * multi-line header
 * author: platform team; reviewed
 */
CREATE TABLE IF NOT EXISTS plans (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body boolean,
    position uuid,
    code text NOT NULL UNIQUE,
    name text NOT NULL DEFAULT '',
    price_cents integer NOT NULL DEFAULT 0,
    features jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT plans_dates_check CHECK (updated_at >= created_at)
);
COMMENT ON TABLE plans IS 'naïve café; crème brûlée';
