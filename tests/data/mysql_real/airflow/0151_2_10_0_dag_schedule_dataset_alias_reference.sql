BEGIN;

CREATE TABLE dag_schedule_dataset_alias_reference (
    alias_id INTEGER NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    created_at TIMESTAMP(6) NOT NULL, 
    updated_at TIMESTAMP(6) NOT NULL, 
    CONSTRAINT dsdar_pkey PRIMARY KEY (alias_id, dag_id), 
    CONSTRAINT dsdar_dataset_fkey FOREIGN KEY(alias_id) REFERENCES dataset_alias (id) ON DELETE CASCADE, 
    CONSTRAINT dsdar_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);

CREATE INDEX idx_dag_schedule_dataset_alias_reference_dag_id ON dag_schedule_dataset_alias_reference (dag_id);

COMMIT;
