BEGIN;

ALTER TABLE experiments ADD COLUMN creation_time BIGINT;

ALTER TABLE experiments ADD COLUMN last_update_time BIGINT;

COMMIT;
