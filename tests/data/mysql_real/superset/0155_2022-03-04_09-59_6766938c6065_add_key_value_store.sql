CREATE TABLE key_value (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	resource VARCHAR(32) NOT NULL, 
	value BLOB(2147483648) NOT NULL, 
	uuid BINARY(16), 
	created_on DATETIME, 
	created_by_fk INTEGER, 
	changed_on DATETIME, 
	changed_by_fk INTEGER, 
	expires_on DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id)
);

CREATE UNIQUE INDEX ix_key_value_uuid ON key_value (uuid);

CREATE INDEX ix_key_value_expires_on ON key_value (expires_on);

