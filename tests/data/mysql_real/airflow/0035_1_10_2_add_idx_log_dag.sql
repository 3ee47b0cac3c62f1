CREATE INDEX idx_log_dag ON log (dag_id);

