ALTER TABLE serialized_dag ADD COLUMN dag_hash VARCHAR(32) NOT NULL DEFAULT 'Hash not calculated yet';

