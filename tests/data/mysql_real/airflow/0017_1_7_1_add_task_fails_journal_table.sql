CREATE TABLE task_fail (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	task_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	execution_date DATETIME NOT NULL, 
	start_date DATETIME, 
	end_date DATETIME, 
	duration INTEGER, 
	CONSTRAINT task_fail_pkey PRIMARY KEY (id)
);

