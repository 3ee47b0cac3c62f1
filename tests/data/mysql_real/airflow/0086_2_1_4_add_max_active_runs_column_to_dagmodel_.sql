ALTER TABLE dag ADD COLUMN max_active_runs INTEGER;

CREATE INDEX idx_dag_run_dag_id ON dag_run (dag_id);

CREATE INDEX idx_dag_run_running_dags ON dag_run (state, dag_id);

