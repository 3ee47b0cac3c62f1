CREATE TABLE sl_tables (
	uuid BINARY(16), 
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	sqlatable_id INTEGER, 
	database_id INTEGER NOT NULL, 
	is_managed_externally BOOL NOT NULL, 
	catalog TEXT, 
	`schema` TEXT, 
	name TEXT, 
	external_url TEXT, 
	extra_json MEDIUMTEXT, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (uuid), 
	UNIQUE (sqlatable_id), 
	FOREIGN KEY(database_id) REFERENCES dbs (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE sl_datasets (
	uuid BINARY(16), 
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	database_id INTEGER NOT NULL, 
	is_physical BOOL, 
	is_managed_externally BOOL NOT NULL, 
	name TEXT, 
	expression MEDIUMTEXT, 
	external_url TEXT, 
	extra_json MEDIUMTEXT, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (uuid), 
	FOREIGN KEY(database_id) REFERENCES dbs (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE sl_columns (
	uuid BINARY(16), 
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	table_id INTEGER, 
	is_aggregation BOOL NOT NULL, 
	is_additive BOOL NOT NULL, 
	is_dimensional BOOL NOT NULL, 
	is_filterable BOOL NOT NULL, 
	is_increase_desired BOOL NOT NULL, 
	is_managed_externally BOOL NOT NULL, 
	is_partition BOOL NOT NULL, 
	is_physical BOOL NOT NULL, 
	is_temporal BOOL NOT NULL, 
	is_spatial BOOL NOT NULL, 
	name TEXT, 
	type TEXT, 
	unit TEXT, 
	expression MEDIUMTEXT, 
	description MEDIUMTEXT, 
	warning_text MEDIUMTEXT, 
	external_url TEXT, 
	extra_json MEDIUMTEXT, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (uuid), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE sl_table_columns (
	table_id INTEGER NOT NULL, 
	column_id INTEGER NOT NULL, 
	PRIMARY KEY (table_id, column_id), 
	FOREIGN KEY(table_id) REFERENCES sl_tables (id), 
	FOREIGN KEY(column_id) REFERENCES sl_columns (id)
);

CREATE TABLE sl_dataset_columns (
	dataset_id INTEGER NOT NULL, 
	column_id INTEGER NOT NULL, 
	PRIMARY KEY (dataset_id, column_id), 
	FOREIGN KEY(dataset_id) REFERENCES sl_datasets (id), 
	FOREIGN KEY(column_id) REFERENCES sl_columns (id)
);

CREATE TABLE sl_dataset_tables (
	dataset_id INTEGER NOT NULL, 
	table_id INTEGER NOT NULL, 
	PRIMARY KEY (dataset_id, table_id), 
	FOREIGN KEY(dataset_id) REFERENCES sl_datasets (id), 
	FOREIGN KEY(table_id) REFERENCES sl_tables (id)
);

CREATE TABLE sl_dataset_users (
	dataset_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	PRIMARY KEY (dataset_id, user_id), 
	FOREIGN KEY(dataset_id) REFERENCES sl_datasets (id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

ALTER TABLE sl_tables DROP COLUMN sqlatable_id;

ALTER TABLE sl_columns DROP COLUMN table_id;

