CREATE TABLE dynamic_plugin (
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(50) NOT NULL, 
	`key` VARCHAR(50) NOT NULL, 
	bundle_url VARCHAR(1000) NOT NULL, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	UNIQUE (`key`), 
	UNIQUE (name)
);

