CREATE TABLE dag_code (
	fileloc_hash BIGINT NOT NULL, 
	fileloc VARCHAR(2000) NOT NULL, 
	source_code TEXT NOT NULL, 
	last_updated TIMESTAMP NOT NULL, 
	CONSTRAINT dag_code_pkey PRIMARY KEY (fileloc_hash)
);

ALTER TABLE serialized_dag MODIFY fileloc_hash BIGINT NOT NULL;

