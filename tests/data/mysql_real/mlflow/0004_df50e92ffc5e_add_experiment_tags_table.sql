BEGIN;

CREATE TABLE experiment_tags (
    `key` VARCHAR(250) NOT NULL, 
    value VARCHAR(5000), 
    experiment_id INTEGER NOT NULL, 
    CONSTRAINT experiment_tag_pk PRIMARY KEY (`key`, experiment_id), 
    FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id)
);

COMMIT;
