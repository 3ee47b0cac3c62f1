CREATE TABLE dag_run (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	dag_id VARCHAR(250) COLLATE utf8mb3_bin, 
	execution_date DATETIME, 
	state VARCHAR(50), 
	run_id VARCHAR(250) COLLATE utf8mb3_bin, 
	external_trigger BOOL, 
	CONSTRAINT dag_run_pkey PRIMARY KEY (id), 
	CONSTRAINT dag_run_dag_id_execution_date_uq UNIQUE (dag_id, execution_date), 
	CONSTRAINT dag_run_dag_id_run_id_uq UNIQUE (dag_id, run_id)
);

