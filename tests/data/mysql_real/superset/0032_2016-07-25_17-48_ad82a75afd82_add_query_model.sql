CREATE TABLE query (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	client_id VARCHAR(11) NOT NULL, 
	database_id INTEGER NOT NULL, 
	tmp_table_name VARCHAR(256), 
	tab_name VARCHAR(256), 
	sql_editor_id VARCHAR(256), 
	user_id INTEGER, 
	status VARCHAR(16), 
	name VARCHAR(256), 
	`schema` VARCHAR(256), 
	`sql` TEXT, 
	select_sql TEXT, 
	executed_sql TEXT, 
	`limit` INTEGER, 
	limit_used BOOL, 
	select_as_cta BOOL, 
	select_as_cta_used BOOL, 
	progress INTEGER, 
	`rows` INTEGER, 
	error_message TEXT, 
	start_time NUMERIC(20, 6), 
	changed_on DATETIME, 
	end_time NUMERIC(20, 6), 
	PRIMARY KEY (id), 
	FOREIGN KEY(database_id) REFERENCES dbs (id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

ALTER TABLE dbs ADD COLUMN select_as_create_table_as BOOL;

CREATE INDEX ti_user_id_changed_on ON query (user_id, changed_on);

