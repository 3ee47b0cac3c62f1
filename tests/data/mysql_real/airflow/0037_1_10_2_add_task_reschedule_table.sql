CREATE TABLE task_reschedule (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	task_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	execution_date TIMESTAMP(6) NOT NULL, 
	try_number INTEGER NOT NULL, 
	start_date TIMESTAMP(6) NOT NULL, 
	end_date TIMESTAMP(6) NOT NULL, 
	duration INTEGER NOT NULL, 
	reschedule_date TIMESTAMP(6) NOT NULL, 
	CONSTRAINT task_reschedule_pkey PRIMARY KEY (id), 
	CONSTRAINT task_reschedule_dag_task_date_fkey FOREIGN KEY(task_id, dag_id, execution_date) REFERENCES task_instance (task_id, dag_id, execution_date)
);

CREATE INDEX idx_task_reschedule_dag_task_date ON task_reschedule (dag_id, task_id, execution_date);

