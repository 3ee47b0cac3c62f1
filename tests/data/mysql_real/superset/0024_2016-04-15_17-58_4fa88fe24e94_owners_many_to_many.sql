CREATE TABLE dashboard_user (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER, 
	dashboard_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(dashboard_id) REFERENCES dashboards (id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

CREATE TABLE slice_user (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER, 
	slice_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(slice_id) REFERENCES slices (id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

