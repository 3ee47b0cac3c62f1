ALTER TABLE task_instance ADD COLUMN custom_operator_name VARCHAR(1000);

