ALTER TABLE xcom DROP COLUMN id;

DROP INDEX idx_xcom_dag_task_date ON xcom;

ALTER TABLE xcom ADD CONSTRAINT pk_xcom PRIMARY KEY (dag_id, task_id, `key`, execution_date);

