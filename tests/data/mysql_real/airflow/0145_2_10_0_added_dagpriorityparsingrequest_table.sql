BEGIN;

CREATE TABLE dag_priority_parsing_request (
    id VARCHAR(32) NOT NULL, 
    fileloc VARCHAR(2000) NOT NULL, 
    CONSTRAINT dag_priority_parsing_request_pkey PRIMARY KEY (id)
);

COMMIT;
