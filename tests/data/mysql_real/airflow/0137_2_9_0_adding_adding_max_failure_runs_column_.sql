ALTER TABLE dag ADD COLUMN max_consecutive_failed_dag_runs INTEGER;

