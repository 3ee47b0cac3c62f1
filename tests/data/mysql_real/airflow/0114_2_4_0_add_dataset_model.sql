CREATE TABLE dataset (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	uri VARCHAR(3000) COLLATE latin1_general_cs NOT NULL, 
	extra JSON NOT NULL, 
	created_at TIMESTAMP(6) NOT NULL, 
	updated_at TIMESTAMP(6) NOT NULL, 
	CONSTRAINT dataset_pkey PRIMARY KEY (id)
);

CREATE UNIQUE INDEX idx_uri_unique ON dataset (uri);

CREATE TABLE dag_schedule_dataset_reference (
	dataset_id INTEGER NOT NULL, 
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	created_at TIMESTAMP(6) NOT NULL, 
	updated_at TIMESTAMP(6) NOT NULL, 
	CONSTRAINT dag_schedule_dataset_reference_pkey PRIMARY KEY (dataset_id, dag_id), 
	CONSTRAINT dsdr_dataset_fkey FOREIGN KEY(dataset_id) REFERENCES dataset (id) ON DELETE CASCADE, 
	CONSTRAINT dsdr_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);

CREATE TABLE task_outlet_dataset_reference (
	dataset_id INTEGER NOT NULL, 
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	task_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	created_at TIMESTAMP(6) NOT NULL, 
	updated_at TIMESTAMP(6) NOT NULL, 
	CONSTRAINT task_outlet_dataset_reference_pkey PRIMARY KEY (dataset_id, dag_id, task_id), 
	CONSTRAINT todr_dataset_fkey FOREIGN KEY(dataset_id) REFERENCES dataset (id) ON DELETE CASCADE, 
	CONSTRAINT todr_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);

CREATE TABLE dataset_dag_run_queue (
	dataset_id INTEGER NOT NULL, 
	target_dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	created_at TIMESTAMP(6) NOT NULL, 
	CONSTRAINT dataset_dag_run_queue_pkey PRIMARY KEY (dataset_id, target_dag_id), 
	CONSTRAINT ddrq_dataset_fkey FOREIGN KEY(dataset_id) REFERENCES dataset (id) ON DELETE CASCADE, 
	CONSTRAINT ddrq_dag_fkey FOREIGN KEY(target_dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);

CREATE TABLE dataset_event (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	dataset_id INTEGER NOT NULL, 
	extra JSON NOT NULL, 
	source_task_id VARCHAR(250), 
	source_dag_id VARCHAR(250), 
	source_run_id VARCHAR(250), 
	source_map_index INTEGER DEFAULT '-1', 
	timestamp TIMESTAMP(6) NOT NULL, 
	CONSTRAINT dataset_event_pkey PRIMARY KEY (id)
);

CREATE INDEX idx_dataset_id_timestamp ON dataset_event (dataset_id, timestamp);

CREATE TABLE dagrun_dataset_event (
	dag_run_id INTEGER NOT NULL, 
	event_id INTEGER NOT NULL, 
	CONSTRAINT dagrun_dataset_events_pkey PRIMARY KEY (dag_run_id, event_id), 
	CONSTRAINT dagrun_dataset_events_dag_run_id_fkey FOREIGN KEY(dag_run_id) REFERENCES dag_run (id) ON DELETE CASCADE, 
	CONSTRAINT dagrun_dataset_events_event_id_fkey FOREIGN KEY(event_id) REFERENCES dataset_event (id) ON DELETE CASCADE
);

CREATE INDEX idx_dagrun_dataset_events_dag_run_id ON dagrun_dataset_event (dag_run_id);

CREATE INDEX idx_dagrun_dataset_events_event_id ON dagrun_dataset_event (event_id);

