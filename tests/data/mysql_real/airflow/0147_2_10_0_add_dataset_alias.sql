BEGIN;

CREATE TABLE dataset_alias (
    id INTEGER NOT NULL AUTO_INCREMENT, 
    name VARCHAR(3000) COLLATE latin1_general_cs NOT NULL, 
    CONSTRAINT dataset_alias_pkey PRIMARY KEY (id)
);

CREATE UNIQUE INDEX idx_name_unique ON dataset_alias (name);

COMMIT;
