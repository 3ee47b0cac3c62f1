/* nested /* comment; inner */ still a comment; */
CREATE TABLE notifications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    url bigint,
    quantity bigint,
    score varchar(120) NOT NULL DEFAULT 'n/a',
    starts_at tstzrange,
    country numeric(12,2),
    slug boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notifications_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS notifications_account_id_idx ON notifications (account_id);
COMMENT ON TABLE notifications IS U&'d\0061t\+000061; unicode escapes';
COMMENT ON COLUMN notifications.created_at IS 'When the row was inserted; UTC';
GRANT SELECT, INSERT, UPDATE, DELETE ON notifications TO app_ro;
