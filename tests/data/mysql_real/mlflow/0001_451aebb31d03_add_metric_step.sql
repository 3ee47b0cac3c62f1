BEGIN;

ALTER TABLE metrics ADD COLUMN step BIGINT NOT NULL DEFAULT '0';

ALTER TABLE metrics DROP PRIMARY KEY;

ALTER TABLE metrics ADD CONSTRAINT metric_pk PRIMARY KEY (`key`, timestamp, step, run_uuid, value);

COMMIT;
