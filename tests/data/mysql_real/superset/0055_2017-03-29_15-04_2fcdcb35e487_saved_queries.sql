CREATE TABLE saved_query (
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER, 
	db_id INTEGER, 
	label VARCHAR(256), 
	`schema` VARCHAR(128), 
	`sql` TEXT, 
	description TEXT, 
	changed_by_fk INTEGER, 
	created_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id), 
	FOREIGN KEY(db_id) REFERENCES dbs (id)
);

