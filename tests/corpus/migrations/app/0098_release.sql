UPDATE reports SET country = 'untitled' WHERE country IS NULL; -- backfill first
ALTER TABLE reports ADD CONSTRAINT reports_country_nn_check CHECK (country IS NOT NULL) NOT VALID;
ALTER TABLE reports VALIDATE CONSTRAINT reports_country_nn_check;
ALTER TABLE reports ALTER COLUMN country SET NOT NULL;
ALTER TABLE reports DROP CONSTRAINT reports_country_nn_check;

-- CONCURRENTLY cannot run inside a transaction block; run this file on its own
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS notifications_url_idx
    ON notifications USING btree (url);

/*
 * multi-line header
 * author: platform team; reviewed
 */
ALTER TABLE reviews ADD COLUMN status text;
ALTER TABLE reviews ADD COLUMN IF NOT EXISTS weight bigint NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN url integer;
