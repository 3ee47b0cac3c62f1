ALTER TABLE rendered_task_instance_fields CHANGE execution_date execution_date TIMESTAMP(6) NOT NULL;

