ALTER TABLE task_instance MODIFY duration FLOAT NULL;

