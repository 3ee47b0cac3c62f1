CREATE TABLE rls_filter_tables (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	table_id INTEGER, 
	rls_filter_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(rls_filter_id) REFERENCES row_level_security_filters (id), 
	FOREIGN KEY(table_id) REFERENCES tables (id)
);

ALTER TABLE row_level_security_filters DROP FOREIGN KEY row_level_security_filters_ibfk_3;

ALTER TABLE row_level_security_filters DROP COLUMN table_id;

