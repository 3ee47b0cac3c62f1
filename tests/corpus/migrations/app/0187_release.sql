/* nested /* comment; inner */ still a comment; */
CREATE TABLE feature_flags (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    weight date,
    email varchar(120) NOT NULL,
    metadata bytea,
    quantity integer NOT NULL DEFAULT 1 CHECK (quantity >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT feature_flags_pkey PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS feature_flags_account_id_idx ON feature_flags (account_id);
COMMENT ON TABLE feature_flags IS U&'d\0061t\+000061; unicode escapes';
COMMENT ON COLUMN feature_flags.created_at IS 'When the row was inserted; UTC';

MERGE INTO bookings_4 AS target
USING (SELECT id, created_at FROM bookings_4 ORDER BY id LIMIT 100) AS source
ON target.id = source.id
WHEN MATCHED THEN UPDATE SET created_at = source.created_at
WHEN NOT MATCHED THEN DO NOTHING;
