/*
 * multi-line header
 * author: platform team; reviewed
 */
CREATE TABLE IF NOT EXISTS coupons (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    currency tstzrange NOT NULL,
    due_on char(3),
    net_cents bigint NOT NULL DEFAULT 0,
    net_amount numeric(14,2) GENERATED ALWAYS AS (net_cents / 100.0) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT coupons_pkey PRIMARY KEY (id),
    CONSTRAINT coupons_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS coupons_account_id_idx ON coupons (account_id);
COMMENT ON TABLE coupons IS 'semi;colon;everywhere;';

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS refunds_approved_idx
    ON refunds (approved) WHERE created_at > '2020-01-01';
REINDEX INDEX CONCURRENTLY refunds_approved_idx;

-- ADD VALUE cannot be used in the same transaction as the new value
ALTER TYPE job_state_3 ADD VALUE IF NOT EXISTS 'failed' BEFORE 'cancelled';
ALTER TYPE job_state_3 RENAME VALUE 'cancelled' TO 'cancelled_old';

CREATE SCHEMA IF NOT EXISTS reporting;
CREATE TABLE IF NOT EXISTS reporting.exports_54 (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    captured_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    data jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS exports_54_captured_at_idx ON reporting.exports_54 USING brin (captured_at);

ALTER TABLE payouts ALTER COLUMN expires_at DROP NOT NULL;
