CREATE TABLE favstar (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER, 
	class_name VARCHAR(50), 
	obj_id INTEGER, 
	dttm DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

