CREATE INDEX idx_job_dag_id ON job (dag_id);

