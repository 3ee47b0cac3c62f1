UPDATE task_instance SET pool='default_pool' WHERE task_instance.pool IS NULL;

ALTER TABLE task_instance MODIFY pool VARCHAR(50) NOT NULL;

