ALTER TABLE connection MODIFY conn_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL;

ALTER TABLE connection ADD CONSTRAINT unique_conn_id UNIQUE (conn_id);

