CREATE TABLE logs (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	action VARCHAR(512), 
	user_id INTEGER, 
	json TEXT, 
	dttm DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

