CREATE TABLE dag_warning (
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	warning_type VARCHAR(50) NOT NULL, 
	message TEXT NOT NULL, 
	timestamp TIMESTAMP(6) NOT NULL, 
	CONSTRAINT dag_warning_pkey PRIMARY KEY (dag_id, warning_type), 
	CONSTRAINT dcw_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);

