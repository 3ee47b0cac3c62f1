/* nested /* comment; inner */ still a comment; */
ALTER TABLE experiments ADD COLUMN color varchar(120) NOT NULL DEFAULT 'n/a';
ALTER TABLE experiments ADD COLUMN IF NOT EXISTS balance date NOT NULL DEFAULT CURRENT_DATE;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '10s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS messages_v51_updated_at_id_idx
    ON messages_v51 (updated_at, id) WHERE created_at > '2020-01-01';
DROP INDEX CONCURRENTLY IF EXISTS messages_v51_legacy_idx;
ANALYZE messages_v51;

/* nested /* comment; inner */ still a comment; */
ALTER TABLE bookings_34 ADD COLUMN phone timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE bookings_34 ADD COLUMN label uuid;
ALTER TABLE bookings_34 ADD COLUMN score double precision;
ALTER TABLE bookings_34
    ADD COLUMN url text,
    ADD COLUMN url_at timestamptz;
