BEGIN;

CREATE INDEX idx_dag_schedule_dataset_reference_dag_id ON dag_schedule_dataset_reference (dag_id);

CREATE INDEX idx_dag_tag_dag_id ON dag_tag (dag_id);

CREATE INDEX idx_dag_warning_dag_id ON dag_warning (dag_id);

CREATE INDEX idx_dataset_dag_run_queue_target_dag_id ON dataset_dag_run_queue (target_dag_id);

CREATE INDEX idx_task_outlet_dataset_reference_dag_id ON task_outlet_dataset_reference (dag_id);

COMMIT;
