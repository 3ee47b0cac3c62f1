ALTER TABLE dag_run MODIFY dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL;

ALTER TABLE dag_run MODIFY run_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL;

ALTER TABLE dag_run MODIFY execution_date TIMESTAMP(6) NOT NULL;

ALTER TABLE dag_run DROP INDEX dag_run_dag_id_execution_date_uq;

ALTER TABLE dag_run DROP INDEX dag_run_dag_id_run_id_uq;

ALTER TABLE dag_run ADD CONSTRAINT dag_run_dag_id_execution_date_key UNIQUE (dag_id, execution_date);

ALTER TABLE dag_run ADD CONSTRAINT dag_run_dag_id_run_id_key UNIQUE (dag_id, run_id);

ALTER TABLE task_instance ADD COLUMN run_id VARCHAR(250) COLLATE utf8mb3_bin;

ALTER TABLE task_reschedule ADD COLUMN run_id VARCHAR(250) COLLATE utf8mb3_bin;

UPDATE task_reschedule, dag_run SET task_reschedule.run_id=dag_run.run_id WHERE dag_run.dag_id = task_reschedule.dag_id AND dag_run.execution_date = task_reschedule.execution_date;

ALTER TABLE task_reschedule MODIFY run_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL;

ALTER TABLE task_reschedule DROP FOREIGN KEY task_reschedule_dag_task_date_fkey;

DROP INDEX task_reschedule_dag_task_date_fkey ON task_reschedule;

ALTER TABLE task_reschedule MODIFY dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL;

DROP INDEX idx_task_reschedule_dag_task_date ON task_reschedule;

UPDATE task_instance, dag_run SET task_instance.run_id=dag_run.run_id WHERE dag_run.dag_id = task_instance.dag_id AND dag_run.execution_date = task_instance.execution_date;

ALTER TABLE task_instance DROP PRIMARY KEY;

DROP INDEX ti_dag_date ON task_instance;

DROP INDEX ti_state_lkp ON task_instance;

ALTER TABLE task_instance DROP COLUMN execution_date;

ALTER TABLE task_instance MODIFY run_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL;

ALTER TABLE task_instance MODIFY dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL;

ALTER TABLE task_instance ADD CONSTRAINT task_instance_pkey PRIMARY KEY (dag_id, task_id, run_id);

ALTER TABLE task_instance ADD CONSTRAINT task_instance_dag_run_fkey FOREIGN KEY(dag_id, run_id) REFERENCES dag_run (dag_id, run_id) ON DELETE CASCADE;

CREATE INDEX ti_dag_run ON task_instance (dag_id, run_id);

CREATE INDEX ti_state_lkp ON task_instance (dag_id, task_id, run_id, state);

ALTER TABLE task_reschedule DROP COLUMN execution_date;

CREATE INDEX idx_task_reschedule_dag_task_run ON task_reschedule (dag_id, task_id, run_id);

ALTER TABLE task_reschedule ADD CONSTRAINT task_reschedule_ti_fkey FOREIGN KEY(dag_id, task_id, run_id) REFERENCES task_instance (dag_id, task_id, run_id) ON DELETE CASCADE;

ALTER TABLE task_reschedule ADD CONSTRAINT task_reschedule_dr_fkey FOREIGN KEY(dag_id, run_id) REFERENCES dag_run (dag_id, run_id) ON DELETE CASCADE;

