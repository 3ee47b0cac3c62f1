CREATE TABLE __airflow_tmp_xcom (
	dag_run_id INTEGER NOT NULL, 
	task_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	`key` VARCHAR(512) COLLATE utf8mb3_bin NOT NULL, 
	value BLOB, 
	timestamp TIMESTAMP(6) NOT NULL, 
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	run_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	map_index INTEGER NOT NULL DEFAULT '-1'
);

INSERT INTO __airflow_tmp_xcom SELECT dag_run.id, xcom.task_id, xcom.`key`, xcom.value, xcom.timestamp, xcom.dag_id, dag_run.run_id, -1 
FROM xcom INNER JOIN dag_run ON xcom.dag_id = dag_run.dag_id AND xcom.execution_date = dag_run.execution_date;

DROP TABLE xcom;

ALTER TABLE __airflow_tmp_xcom RENAME TO xcom;

ALTER TABLE xcom ADD CONSTRAINT xcom_pkey PRIMARY KEY (dag_run_id, task_id, map_index, `key`);

CREATE INDEX idx_xcom_key ON xcom (`key`);

ALTER TABLE xcom ADD CONSTRAINT xcom_task_instance_fkey FOREIGN KEY(dag_id, task_id, run_id, map_index) REFERENCES task_instance (dag_id, task_id, run_id, map_index) ON DELETE CASCADE;

