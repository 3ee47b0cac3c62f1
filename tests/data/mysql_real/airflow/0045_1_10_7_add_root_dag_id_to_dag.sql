ALTER TABLE dag ADD COLUMN root_dag_id VARCHAR(250) COLLATE utf8mb3_bin;

CREATE INDEX idx_root_dag_id ON dag (root_dag_id);

