/* nested /* comment; inner */ still a comment; */
ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS notes integer NOT NULL DEFAULT 1;
ALTER TABLE ledger_entries ADD COLUMN IF NOT EXISTS checksum double precision NOT NULL DEFAULT 0;

/* nested /* comment; inner */ still a comment; */
CREATE TABLE page_views_22 (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    payload jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
CREATE TABLE page_views_22_eu PARTITION OF page_views_22 FOR VALUES IN ('eu');
CREATE TABLE page_views_22_us PARTITION OF page_views_22 FOR VALUES IN ('us');
CREATE TABLE page_views_22_apac PARTITION OF page_views_22 FOR VALUES IN ('apac');
CREATE INDEX page_views_22_payload_idx ON page_views_22 USING gin (payload);

-- keep this idempotent; it runs on every deploy
CREATE TABLE attachments (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status interval,
    reference varchar(120) NOT NULL UNIQUE,
    timezone varchar(120) NOT NULL UNIQUE,
    checksum double precision NOT NULL DEFAULT 0,
    title text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS attachments_account_id_idx ON attachments (account_id);
COMMENT ON TABLE attachments IS '$$ not a dollar quote $$';
