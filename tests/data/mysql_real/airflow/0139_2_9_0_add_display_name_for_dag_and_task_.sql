ALTER TABLE dag ADD COLUMN dag_display_name VARCHAR(2000);

ALTER TABLE task_instance ADD COLUMN task_display_name VARCHAR(2000);

