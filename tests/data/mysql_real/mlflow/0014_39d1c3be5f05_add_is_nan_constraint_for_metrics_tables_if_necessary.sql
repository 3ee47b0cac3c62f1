BEGIN;

ALTER TABLE latest_metrics MODIFY is_nan BOOL NOT NULL;

ALTER TABLE latest_metrics ADD CHECK (is_nan IN (0, 1));

ALTER TABLE metrics MODIFY is_nan BOOL NOT NULL;

ALTER TABLE metrics ADD CHECK (is_nan IN (0, 1));

COMMIT;
