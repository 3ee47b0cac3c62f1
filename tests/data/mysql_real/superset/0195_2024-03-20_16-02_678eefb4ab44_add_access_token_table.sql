CREATE TABLE database_user_oauth2_tokens (
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	database_id INTEGER NOT NULL, 
	access_token BLOB, 
	access_token_expiration DATETIME, 
	refresh_token BLOB, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(database_id) REFERENCES dbs (id) ON DELETE CASCADE, 
	FOREIGN KEY(user_id) REFERENCES ab_user (id) ON DELETE CASCADE
);

CREATE INDEX idx_user_id_database_id ON database_user_oauth2_tokens (user_id, database_id);

