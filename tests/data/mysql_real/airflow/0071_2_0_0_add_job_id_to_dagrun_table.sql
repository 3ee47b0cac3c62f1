ALTER TABLE dag_run ADD COLUMN creating_job_id INTEGER;

