/* block comment; with a semicolon */
CREATE TABLE campaigns (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    ticket_id integer NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    visibility timestamptz NOT NULL,
    expires_at date NOT NULL DEFAULT CURRENT_DATE,
    amount interval,
    weight varchar(120),
    position boolean,
    net_cents bigint NOT NULL DEFAULT 0,
    net_amount numeric(14,2) GENERATED ALWAYS AS (net_cents / 100.0) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT campaigns_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS campaigns_ticket_id_idx ON campaigns (ticket_id);
COMMENT ON TABLE campaigns IS '/* not a comment */ -- nor this;';
COMMENT ON COLUMN campaigns.created_at IS 'When the row was inserted; UTC';

/* block comment; with a semicolon */
CREATE TABLE experiments (
    id serial NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    version uuid,
    approved text,
    weight bigint NOT NULL DEFAULT 0,
    email timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    quantity inet,
    status timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT experiments_pkey PRIMARY KEY (id),
    CONSTRAINT experiments_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS experiments_account_id_idx ON experiments (account_id);
COMMENT ON TABLE experiments IS 'O''Reilly; DROP TABLE users; --';

-- TODO(ops): revisit once the backfill is done
CREATE TABLE IF NOT EXISTS bookings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    daily_totals_62_id bigint NOT NULL REFERENCES reporting.daily_totals_62 (id) ON DELETE CASCADE,
    amount inet,
    currency char(3) NOT NULL,
    notes timestamptz,
    email date NOT NULL DEFAULT CURRENT_DATE,
    discount timestamptz NOT NULL DEFAULT now(),
    checksum timestamptz,
    phone inet,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT bookings_dates_check CHECK (updated_at >= created_at)
);
CREATE INDEX IF NOT EXISTS bookings_daily_totals_62_id_idx ON bookings (daily_totals_62_id);
COMMENT ON TABLE bookings IS 'naïve café; crème brûlée';
COMMENT ON COLUMN bookings.created_at IS 'When the row was inserted; UTC';

/* block comment; with a semicolon */
CREATE TABLE page_views_77 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE TABLE page_views_77_2025_01 PARTITION OF page_views_77
    FOR VALUES FROM ('2025-01-01') TO ('2025-02-01');
CREATE TABLE page_views_77_2025_02 PARTITION OF page_views_77
    FOR VALUES FROM ('2025-02-01') TO ('2025-03-01');
CREATE TABLE page_views_77_2025_03 PARTITION OF page_views_77
    FOR VALUES FROM ('2025-03-01') TO ('2025-04-01');
CREATE TABLE page_views_77_2025_04 PARTITION OF page_views_77
    FOR VALUES FROM ('2025-04-01') TO ('2025-05-01');
CREATE TABLE page_views_77_default PARTITION OF page_views_77 DEFAULT;
CREATE INDEX page_views_77_payload_idx ON page_views_77 USING gin (payload);

-- keep this idempotent; it runs on every deploy
CREATE TABLE schedules (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    rating text[],
    locale bigint NOT NULL DEFAULT 0,
    visibility integer NOT NULL DEFAULT 0,
    kind uuid NOT NULL,
    phone jsonb,
    status bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS schedules_account_id_idx ON schedules (account_id);
COMMENT ON TABLE schedules IS 'O''Reilly; DROP TABLE users; --';

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS reviews_source_due_on_idx
    ON reviews (source, due_on) WHERE created_at > '2020-01-01';
REINDEX INDEX CONCURRENTLY reviews_source_due_on_idx;
