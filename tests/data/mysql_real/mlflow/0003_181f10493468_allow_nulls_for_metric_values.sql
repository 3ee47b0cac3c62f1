BEGIN;

ALTER TABLE metrics MODIFY value FLOAT(53) NOT NULL;

ALTER TABLE metrics ADD COLUMN is_nan BOOL NOT NULL DEFAULT '0';

ALTER TABLE metrics DROP PRIMARY KEY;

ALTER TABLE metrics ADD CONSTRAINT metric_pk PRIMARY KEY (`key`, timestamp, step, run_uuid, value, is_nan);

COMMIT;
