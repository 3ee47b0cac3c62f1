BEGIN;

ALTER TABLE model_versions ADD COLUMN storage_location VARCHAR(500);

COMMIT;
