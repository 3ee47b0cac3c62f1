ALTER TABLE task_fail CHANGE execution_date execution_date TIMESTAMP(6) NOT NULL;

ALTER TABLE xcom CHANGE execution_date execution_date TIMESTAMP(6) NOT NULL;

ALTER TABLE xcom CHANGE timestamp timestamp TIMESTAMP(6) NOT NULL;

