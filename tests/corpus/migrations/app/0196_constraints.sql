UPDATE reviews SET version = gen_random_uuid() WHERE version IS NULL; -- backfill first
ALTER TABLE reviews ADD CONSTRAINT reviews_version_nn_check CHECK (version IS NOT NULL) NOT VALID;
ALTER TABLE reviews VALIDATE CONSTRAINT reviews_version_nn_check;
ALTER TABLE reviews ALTER COLUMN version SET NOT NULL;
ALTER TABLE reviews DROP CONSTRAINT reviews_version_nn_check;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS reviews_version_key_idx ON reviews (version);
ALTER TABLE reviews ADD CONSTRAINT reviews_version_uniq UNIQUE USING INDEX reviews_version_key_idx;
