CREATE INDEX idx_xcom_dag_task_date ON xcom (dag_id, task_id, execution_date);

