CREATE DOMAIN email_8 AS text CHECK (VALUE ~ '^[^@;]+@[^@;]+$');
CREATE DOMAIN positive_amount_8 AS numeric(12,2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE TYPE money_8 AS (amount numeric(12,2), currency char(3));
ALTER DOMAIN email_8 ADD CONSTRAINT email_8_len CHECK (length(VALUE) < 320) NOT VALID;
ALTER DOMAIN email_8 VALIDATE CONSTRAINT email_8_len;

CREATE OR REPLACE PROCEDURE archive_webhooks(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM webhooks WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_webhooks() RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM webhooks;
END;
CALL archive_webhooks(now() - interval '5 years');

/*
 * multi-line header
 * author: platform team; reviewed
 */
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('pro_8_0', 'semi;colon;everywhere;', 8239, '{"seats": 44}'),
    ('enterprise_8_1', E'It\'s fine; really\n(second line)', 2157, '{"seats": 11}'),
    ('pro_8_2', E'tab\there; back\\slash', 1325, '{"seats": 16}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = '/* not a comment */ -- nor this;' WHERE code LIKE 'pro%';
INSERT INTO plans (code, name)
SELECT 'legacy_' || code, name || ' (legacy)'
FROM plans WHERE price_cents = 0
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name;

/* nested /* comment; inner */ still a comment; */
CREATE TABLE IF NOT EXISTS payouts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind tstzrange,
    expires_at interval NOT NULL DEFAULT interval '1 day',
    status text[] NOT NULL DEFAULT ARRAY[]::text[],
    visibility bigint NOT NULL DEFAULT 0,
    checksum inet NOT NULL,
    label interval,
    title text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payouts_dates_check CHECK (updated_at >= created_at)
);
COMMENT ON TABLE payouts IS $note$tagged; $$ inside$note$;
COMMENT ON COLUMN payouts.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON payouts TO migrator;

-- renaming breaks the old app; see the phased migrations for the safe way
ALTER TABLE lessons RENAME COLUMN rating TO notes;

-- NOTE: statement_timeout is set by the runner; nothing to do here
CREATE TABLE memberships (
    id bigserial PRIMARY KEY,
    review_id uuid NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    url text NOT NULL DEFAULT '',
    weight text[] NOT NULL DEFAULT '{}',
    title text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS memberships_review_id_idx ON memberships (review_id);
COMMENT ON TABLE memberships IS '/* not a comment */ -- nor this;';
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO migrator;
