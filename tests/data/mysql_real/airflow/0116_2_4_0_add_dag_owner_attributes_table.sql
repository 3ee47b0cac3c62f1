CREATE TABLE dag_owner_attributes (
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	owner VARCHAR(500) NOT NULL, 
	link VARCHAR(500) NOT NULL, 
	CONSTRAINT dag_owner_attributes_pkey PRIMARY KEY (dag_id, owner), 
	CONSTRAINT dag_owner_attributes_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);

