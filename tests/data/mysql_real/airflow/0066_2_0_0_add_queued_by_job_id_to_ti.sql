ALTER TABLE task_instance ADD COLUMN queued_by_job_id INTEGER;

