CREATE TABLE ssh_tunnels (
	created_on DATETIME, 
	changed_on DATETIME, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	extra_json TEXT, 
	uuid BINARY(16), 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	database_id INTEGER, 
	server_address VARCHAR(256), 
	server_port INTEGER, 
	username BLOB, 
	password BLOB, 
	private_key BLOB, 
	private_key_password BLOB, 
	PRIMARY KEY (id), 
	FOREIGN KEY(database_id) REFERENCES dbs (id)
);

CREATE UNIQUE INDEX ix_ssh_tunnels_uuid ON ssh_tunnels (uuid);

CREATE UNIQUE INDEX ix_ssh_tunnels_database_id ON ssh_tunnels (database_id);

