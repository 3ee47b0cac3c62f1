CREATE TABLE dag_run_note (
	user_id INTEGER, 
	dag_run_id INTEGER NOT NULL, 
	content TEXT(1000), 
	created_at TIMESTAMP(6) NOT NULL, 
	updated_at TIMESTAMP(6) NOT NULL, 
	CONSTRAINT dag_run_note_pkey PRIMARY KEY (dag_run_id), 
	CONSTRAINT dag_run_note_dr_fkey FOREIGN KEY(dag_run_id) REFERENCES dag_run (id) ON DELETE CASCADE, 
	CONSTRAINT dag_run_note_user_fkey FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

CREATE TABLE task_instance_note (
	user_id INTEGER, 
	task_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	run_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	map_index INTEGER NOT NULL, 
	content TEXT(1000), 
	created_at TIMESTAMP(6) NOT NULL, 
	updated_at TIMESTAMP(6) NOT NULL, 
	CONSTRAINT task_instance_note_pkey PRIMARY KEY (task_id, dag_id, run_id, map_index), 
	CONSTRAINT task_instance_note_ti_fkey FOREIGN KEY(dag_id, task_id, run_id, map_index) REFERENCES task_instance (dag_id, task_id, run_id, map_index) ON DELETE CASCADE, 
	CONSTRAINT task_instance_note_user_fkey FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

