ALTER TABLE tab_state ADD COLUMN saved_query_id INTEGER;

ALTER TABLE tab_state ADD CONSTRAINT saved_query_id FOREIGN KEY(saved_query_id) REFERENCES saved_query (id);

