CREATE INDEX idx_task_fail_task_instance ON task_fail (dag_id, task_id, run_id, map_index);

CREATE INDEX idx_task_reschedule_dag_run ON task_reschedule (dag_id, run_id);

CREATE INDEX idx_xcom_task_instance ON xcom (dag_id, task_id, run_id, map_index);

