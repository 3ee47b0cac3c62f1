/* nested /* comment; inner */ still a comment; */
DROP FUNCTION IF EXISTS devices_touch() CASCADE;
DROP TABLE IF EXISTS legacy_leads CASCADE;
DROP TYPE IF EXISTS legacy_state_9;
DROP INDEX IF EXISTS bookings_15_old_idx;
DROP VIEW IF EXISTS legacy_view_6;

/*
 * multi-line header
 * author: platform team; reviewed
 */
CREATE TABLE IF NOT EXISTS enrollments (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    score uuid NOT NULL DEFAULT gen_random_uuid(),
    visibility timestamptz NOT NULL DEFAULT now(),
    approved double precision NOT NULL DEFAULT 0,
    ends_at varchar(120) NOT NULL DEFAULT 'n/a',
    title uuid,
    net_cents bigint NOT NULL DEFAULT 0,
    net_amount numeric(14,2) GENERATED ALWAYS AS (net_cents / 100.0) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT enrollments_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS enrollments_account_id_idx ON enrollments (account_id);
COMMENT ON TABLE enrollments IS U&'d\0061t\+000061; unicode escapes';
COMMENT ON COLUMN enrollments.created_at IS 'When the row was inserted; UTC';

-- renaming breaks the old app; see the phased migrations for the safe way
ALTER TABLE attachments RENAME COLUMN balance TO external_ref;
