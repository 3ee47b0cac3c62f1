BEGIN;

CREATE TABLE registered_model_tags (
    `key` VARCHAR(250) NOT NULL, 
    value VARCHAR(5000), 
    name VARCHAR(256) NOT NULL, 
    CONSTRAINT registered_model_tag_pk PRIMARY KEY (`key`, name), 
    FOREIGN KEY(name) REFERENCES registered_models (name) ON UPDATE cascade
);

COMMIT;
