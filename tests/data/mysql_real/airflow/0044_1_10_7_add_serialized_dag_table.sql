CREATE TABLE serialized_dag (
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	fileloc VARCHAR(2000) NOT NULL, 
	fileloc_hash INTEGER NOT NULL, 
	data JSON NOT NULL, 
	last_updated DATETIME NOT NULL, 
	CONSTRAINT serialized_dag_pkey PRIMARY KEY (dag_id)
);

CREATE INDEX idx_fileloc_hash ON serialized_dag (fileloc_hash);

ALTER TABLE serialized_dag CHANGE last_updated last_updated TIMESTAMP(6) NOT NULL;

