CREATE OR REPLACE PROCEDURE archive_attachments(cutoff timestamptz)
LANGUAGE plpgsql AS $proc$
BEGIN
    DELETE FROM attachments WHERE created_at < cutoff; -- batch; commit below
    COMMIT;
END
$proc$;
CREATE OR REPLACE FUNCTION count_attachments() RETURNS bigint
LANGUAGE sql STABLE AS 'SELECT count(*) FROM attachments';
CALL archive_attachments(now() - interval '5 years');

UPDATE accounts SET summary = now() WHERE summary IS NULL; -- backfill first
ALTER TABLE accounts ADD CONSTRAINT accounts_summary_nn_check CHECK (summary IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_summary_nn_check;
ALTER TABLE accounts ALTER COLUMN summary SET NOT NULL;
ALTER TABLE accounts DROP CONSTRAINT accounts_summary_nn_check;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS accounts_summary_key_idx ON accounts (summary);
ALTER TABLE accounts ADD CONSTRAINT accounts_summary_uniq UNIQUE USING INDEX accounts_summary_key_idx;

-- ünïcödé comment — “quoted”; fine
CREATE TABLE IF NOT EXISTS reviews (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    ends_at integer NOT NULL DEFAULT 0 CHECK (ends_at >= 0),
    locale boolean,
    external_ref smallint NOT NULL DEFAULT 1,
    version uuid NOT NULL DEFAULT gen_random_uuid(),
    amount bigint NOT NULL,
    priority double precision NOT NULL DEFAULT 0,
    title text NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, ''))) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE reviews IS $$dollar; 'quoted' text$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON reviews TO migrator;

/*
 * multi-line header
 * author: platform team; reviewed
 */
INSERT INTO plans (code, name, price_cents, features) VALUES
    ('pro_0_0', $$dollar; 'quoted' text$$, 654, '{"seats": 49}'),
    ('pro_0_1', 'O''Reilly; DROP TABLE users; --', 9700, '{"seats": 12}')
ON CONFLICT (code) DO NOTHING;
UPDATE plans SET name = E'It\'s fine; really\n(second line)' WHERE code LIKE 'pro%';
DELETE FROM plans WHERE price_cents < 0;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '2s';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS inventory_items_title_rating_idx
    ON inventory_items (title, rating);
DROP INDEX CONCURRENTLY IF EXISTS inventory_items_legacy_idx;

MERGE INTO reports AS target
USING (SELECT id, account_id FROM reports ORDER BY id LIMIT 100) AS source
ON target.id = source.id
WHEN MATCHED THEN UPDATE SET account_id = source.account_id
WHEN NOT MATCHED THEN DO NOTHING;
