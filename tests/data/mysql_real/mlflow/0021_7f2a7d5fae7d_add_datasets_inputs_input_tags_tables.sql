BEGIN;

CREATE TABLE datasets (
    dataset_uuid VARCHAR(36) NOT NULL, 
    experiment_id INTEGER NOT NULL, 
    name VARCHAR(500) NOT NULL, 
    digest VARCHAR(36) NOT NULL, 
    dataset_source_type VARCHAR(36) NOT NULL, 
    dataset_source TEXT NOT NULL, 
    dataset_schema TEXT, 
    dataset_profile MEDIUMTEXT, 
    CONSTRAINT dataset_pk PRIMARY KEY (experiment_id, name, digest), 
    FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id)
);

CREATE INDEX index_datasets_dataset_uuid ON datasets (dataset_uuid);

CREATE INDEX index_datasets_experiment_id_dataset_source_type ON datasets (experiment_id, dataset_source_type);

CREATE TABLE inputs (
    input_uuid VARCHAR(36) NOT NULL, 
    source_type VARCHAR(36) NOT NULL, 
    source_id VARCHAR(36) NOT NULL, 
    destination_type VARCHAR(36) NOT NULL, 
    destination_id VARCHAR(36) NOT NULL, 
    CONSTRAINT inputs_pk PRIMARY KEY (source_type, source_id, destination_type, destination_id)
);

CREATE INDEX index_inputs_input_uuid ON inputs (input_uuid);

CREATE INDEX index_inputs_destination_type_destination_id_source_type ON inputs (destination_type, destination_id, source_type);

CREATE TABLE input_tags (
    input_uuid VARCHAR(36) NOT NULL, 
    name VARCHAR(255) NOT NULL, 
    value VARCHAR(500) NOT NULL, 
    CONSTRAINT input_tags_pk PRIMARY KEY (input_uuid, name)
);

COMMIT;
