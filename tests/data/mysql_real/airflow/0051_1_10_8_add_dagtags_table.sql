CREATE TABLE dag_tag (
	name VARCHAR(100) NOT NULL, 
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	CONSTRAINT dag_tag_pkey PRIMARY KEY (name, dag_id), 
	CONSTRAINT dag_tag_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id)
);

