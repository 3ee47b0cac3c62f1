ALTER TABLE dag_run ADD COLUMN run_type VARCHAR(50);

UPDATE dag_run SET run_type='backfill' WHERE dag_run.run_id LIKE 'backfill__%';

UPDATE dag_run SET run_type='scheduled' WHERE dag_run.run_id LIKE 'scheduled__%';

UPDATE dag_run SET run_type='manual' WHERE dag_run.run_id LIKE 'manual__%';

UPDATE dag_run SET run_type='dataset_triggered' WHERE dag_run.run_id LIKE 'dataset_triggered__%';

UPDATE dag_run SET run_type='manual' WHERE dag_run.run_type IS NULL;

ALTER TABLE dag_run MODIFY run_type VARCHAR(50) NOT NULL;

