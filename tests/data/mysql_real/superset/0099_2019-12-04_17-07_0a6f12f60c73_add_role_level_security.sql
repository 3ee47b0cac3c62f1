CREATE TABLE row_level_security_filters (
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	table_id INTEGER NOT NULL, 
	clause TEXT NOT NULL, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(table_id) REFERENCES tables (id)
);

CREATE TABLE rls_filter_roles (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	role_id INTEGER NOT NULL, 
	rls_filter_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(rls_filter_id) REFERENCES row_level_security_filters (id), 
	FOREIGN KEY(role_id) REFERENCES ab_role (id)
);

