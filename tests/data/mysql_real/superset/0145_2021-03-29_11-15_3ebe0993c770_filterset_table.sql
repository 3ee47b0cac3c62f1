CREATE TABLE filter_sets (
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(500) NOT NULL, 
	description TEXT, 
	json_metadata TEXT NOT NULL, 
	owner_id INTEGER NOT NULL, 
	owner_type VARCHAR(255) NOT NULL, 
	dashboard_id INTEGER NOT NULL, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(dashboard_id) REFERENCES dashboards (id)
);

