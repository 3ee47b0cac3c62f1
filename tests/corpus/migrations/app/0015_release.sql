-- NOTE: statement_timeout is set by the runner; nothing to do here
CREATE TABLE IF NOT EXISTS reactions (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    label timestamptz NOT NULL DEFAULT now(),
    amount text[] NOT NULL DEFAULT ARRAY[]::text[],
    quantity interval,
    url interval,
    priority uuid,
    score smallint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reactions_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS reactions_account_id_idx ON reactions (account_id);
COMMENT ON TABLE reactions IS 'O''Reilly; DROP TABLE users; --';
COMMENT ON COLUMN reactions.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON reactions TO app_ro;

CREATE SEQUENCE IF NOT EXISTS inventory_items_rating_seq START WITH 1000 INCREMENT BY 1 CACHE 1;
ALTER TABLE inventory_items ADD COLUMN IF NOT EXISTS rating bigint;
ALTER TABLE inventory_items ALTER COLUMN rating SET DEFAULT nextval('inventory_items_rating_seq');
ALTER SEQUENCE inventory_items_rating_seq OWNED BY inventory_items.rating;
SELECT setval('inventory_items_rating_seq', 1000, false);

CREATE SEQUENCE IF NOT EXISTS refunds_tax_rate_seq START WITH 1000 INCREMENT BY 1 CACHE 1;
ALTER TABLE refunds ADD COLUMN IF NOT EXISTS tax_rate bigint;
ALTER TABLE refunds ALTER COLUMN tax_rate SET DEFAULT nextval('refunds_tax_rate_seq');
ALTER SEQUENCE refunds_tax_rate_seq OWNED BY refunds.tax_rate;
SELECT setval('refunds_tax_rate_seq', 1000, false);

/*
 * multi-line header
 * author: platform team; reviewed
 */
ALTER TABLE accounts ADD COLUMN discount char(3) NOT NULL DEFAULT 'EUR';
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS ends_at smallint;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS summary timestamptz;
