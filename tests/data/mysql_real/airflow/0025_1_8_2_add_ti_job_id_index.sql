CREATE INDEX ti_job_id ON task_instance (job_id);

