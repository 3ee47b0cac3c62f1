BEGIN;

CREATE TABLE model_version_tags (
    `key` VARCHAR(250) NOT NULL, 
    value VARCHAR(5000), 
    name VARCHAR(256) NOT NULL, 
    version INTEGER NOT NULL, 
    CONSTRAINT model_version_tag_pk PRIMARY KEY (`key`, name, version), 
    FOREIGN KEY(name, version) REFERENCES model_versions (name, version) ON UPDATE cascade
);

COMMIT;
