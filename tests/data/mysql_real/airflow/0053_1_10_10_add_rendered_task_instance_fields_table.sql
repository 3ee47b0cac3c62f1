CREATE TABLE rendered_task_instance_fields (
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	task_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	execution_date TIMESTAMP NOT NULL, 
	rendered_fields JSON NOT NULL, 
	CONSTRAINT rendered_task_instance_fields_pkey PRIMARY KEY (dag_id, task_id, execution_date)
);

