CREATE TABLE access_request (
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	datasource_type VARCHAR(200), 
	datasource_id INTEGER, 
	changed_by_fk INTEGER, 
	created_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id)
);

