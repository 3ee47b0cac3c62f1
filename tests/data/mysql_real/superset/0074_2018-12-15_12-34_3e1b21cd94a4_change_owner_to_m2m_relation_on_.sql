CREATE TABLE sqlatable_user (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER, 
	table_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(table_id) REFERENCES tables (id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

CREATE TABLE druiddatasource_user (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER, 
	datasource_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(datasource_id) REFERENCES datasources (id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

ALTER TABLE tables DROP FOREIGN KEY user_id;

ALTER TABLE tables DROP COLUMN user_id;

ALTER TABLE datasources DROP FOREIGN KEY datasources_ibfk_1;

ALTER TABLE datasources DROP COLUMN user_id;

