ALTER TABLE task_reschedule DROP FOREIGN KEY task_reschedule_ti_fkey;

DROP INDEX idx_task_reschedule_dag_task_run ON task_reschedule;

ALTER TABLE task_instance DROP PRIMARY KEY;

ALTER TABLE task_instance ADD COLUMN map_index INTEGER NOT NULL DEFAULT -1;

ALTER TABLE task_instance ADD CONSTRAINT task_instance_pkey PRIMARY KEY (dag_id, task_id, run_id, map_index);

ALTER TABLE task_reschedule ADD COLUMN map_index INTEGER NOT NULL DEFAULT -1;

ALTER TABLE task_reschedule ADD CONSTRAINT task_reschedule_ti_fkey FOREIGN KEY(dag_id, task_id, run_id, map_index) REFERENCES task_instance (dag_id, task_id, run_id, map_index) ON DELETE CASCADE;

CREATE INDEX idx_task_reschedule_dag_task_run ON task_reschedule (dag_id, task_id, run_id, map_index);

CREATE TABLE task_map (
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	task_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	run_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	map_index INTEGER NOT NULL, 
	length INTEGER NOT NULL, 
	`keys` JSON, 
	CONSTRAINT task_map_pkey PRIMARY KEY (dag_id, task_id, run_id, map_index), 
	CONSTRAINT ck_task_map_task_map_length_not_negative CHECK (length >= 0), 
	CONSTRAINT task_map_task_instance_fkey FOREIGN KEY(dag_id, task_id, run_id, map_index) REFERENCES task_instance (dag_id, task_id, run_id, map_index) ON DELETE CASCADE
);

