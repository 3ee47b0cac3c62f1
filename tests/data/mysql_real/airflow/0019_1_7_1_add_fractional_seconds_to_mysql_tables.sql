ALTER TABLE dag CHANGE last_scheduler_run last_scheduler_run DATETIME(6) NULL;

ALTER TABLE dag CHANGE last_pickled last_pickled DATETIME(6) NULL;

ALTER TABLE dag CHANGE last_expired last_expired DATETIME(6) NULL;

ALTER TABLE dag_pickle CHANGE created_dttm created_dttm DATETIME(6) NULL;

ALTER TABLE dag_run CHANGE execution_date execution_date DATETIME(6) NULL;

ALTER TABLE dag_run CHANGE start_date start_date DATETIME(6) NULL;

ALTER TABLE dag_run CHANGE end_date end_date DATETIME(6) NULL;

ALTER TABLE import_error CHANGE timestamp timestamp DATETIME(6) NULL;

ALTER TABLE job CHANGE start_date start_date DATETIME(6) NULL;

ALTER TABLE job CHANGE end_date end_date DATETIME(6) NULL;

ALTER TABLE job CHANGE latest_heartbeat latest_heartbeat DATETIME(6) NULL;

ALTER TABLE log CHANGE dttm dttm DATETIME(6) NULL;

ALTER TABLE log CHANGE execution_date execution_date DATETIME(6) NULL;

ALTER TABLE sla_miss CHANGE execution_date execution_date DATETIME(6) NOT NULL;

ALTER TABLE sla_miss CHANGE timestamp timestamp DATETIME(6) NULL;

ALTER TABLE task_fail CHANGE execution_date execution_date DATETIME(6) NULL;

ALTER TABLE task_fail CHANGE start_date start_date DATETIME(6) NULL;

ALTER TABLE task_fail CHANGE end_date end_date DATETIME(6) NULL;

ALTER TABLE task_instance CHANGE execution_date execution_date DATETIME(6) NOT NULL;

ALTER TABLE task_instance CHANGE start_date start_date DATETIME(6) NULL;

ALTER TABLE task_instance CHANGE end_date end_date DATETIME(6) NULL;

ALTER TABLE task_instance CHANGE queued_dttm queued_dttm DATETIME(6) NULL;

ALTER TABLE xcom CHANGE timestamp timestamp DATETIME(6) NULL;

ALTER TABLE xcom CHANGE execution_date execution_date DATETIME(6) NULL;

