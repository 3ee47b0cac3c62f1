CREATE INDEX ti_dag_date ON task_instance (dag_id, execution_date);

