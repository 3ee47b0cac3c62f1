ALTER TABLE task_instance ADD COLUMN external_executor_id VARCHAR(250);

