ALTER TABLE task_instance ADD COLUMN executor_config BLOB;

