ALTER TABLE tab_state DROP FOREIGN KEY saved_query_id;

ALTER TABLE tab_state ADD CONSTRAINT saved_query_id FOREIGN KEY(saved_query_id) REFERENCES saved_query (id) ON DELETE SET NULL;

