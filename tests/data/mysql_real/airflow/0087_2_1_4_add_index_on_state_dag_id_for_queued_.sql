CREATE INDEX idx_dag_run_queued_dags ON dag_run (state, dag_id);

