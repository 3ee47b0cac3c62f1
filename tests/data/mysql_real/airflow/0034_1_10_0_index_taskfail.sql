CREATE INDEX idx_task_fail_dag_task_date ON task_fail (dag_id, task_id, execution_date);

