CREATE SEQUENCE ab_permission_id_seq START WITH 1;

CREATE TABLE ab_permission (
	id INTEGER NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

CREATE SEQUENCE ab_view_menu_id_seq START WITH 1;

CREATE TABLE ab_view_menu (
	id INTEGER NOT NULL, 
	name VARCHAR(250) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

CREATE SEQUENCE ab_role_id_seq START WITH 1;

CREATE TABLE ab_role (
	id INTEGER NOT NULL, 
	name VARCHAR(64) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

CREATE SEQUENCE ab_user_id_seq START WITH 1;

CREATE TABLE ab_user (
	id INTEGER NOT NULL, 
	first_name VARCHAR(64) NOT NULL, 
	last_name VARCHAR(64) NOT NULL, 
	username VARCHAR(64) NOT NULL, 
	password VARCHAR(256), 
	active BOOL, 
	email VARCHAR(320) NOT NULL, 
	last_login DATETIME, 
	login_count INTEGER, 
	fail_login_count INTEGER, 
	created_on DATETIME, 
	changed_on DATETIME, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (username), 
	UNIQUE (email), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id)
);

CREATE SEQUENCE ab_group_id_seq START WITH 1;

CREATE TABLE ab_group (
	id INTEGER NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	label VARCHAR(150), 
	description VARCHAR(512), 
	PRIMARY KEY (id), 
	UNIQUE (name)
);

CREATE SEQUENCE ab_register_user_id_seq START WITH 1;

CREATE TABLE ab_register_user (
	id INTEGER NOT NULL, 
	first_name VARCHAR(64) NOT NULL, 
	last_name VARCHAR(64) NOT NULL, 
	username VARCHAR(64) NOT NULL, 
	password VARCHAR(256), 
	email VARCHAR(64) NOT NULL, 
	registration_date DATETIME, 
	registration_hash VARCHAR(256), 
	PRIMARY KEY (id), 
	UNIQUE (username)
);

CREATE SEQUENCE ab_permission_view_id_seq START WITH 1;

CREATE TABLE ab_permission_view (
	id INTEGER NOT NULL, 
	permission_id INTEGER, 
	view_menu_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (permission_id, view_menu_id), 
	FOREIGN KEY(permission_id) REFERENCES ab_permission (id), 
	FOREIGN KEY(view_menu_id) REFERENCES ab_view_menu (id)
);

CREATE INDEX idx_permission_id ON ab_permission_view (permission_id);

CREATE INDEX idx_view_menu_id ON ab_permission_view (view_menu_id);

CREATE SEQUENCE ab_user_role_id_seq START WITH 1;

CREATE TABLE ab_user_role (
	id INTEGER NOT NULL, 
	user_id INTEGER, 
	role_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (user_id, role_id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id) ON DELETE CASCADE, 
	FOREIGN KEY(role_id) REFERENCES ab_role (id) ON DELETE CASCADE
);

CREATE SEQUENCE ab_user_group_id_seq START WITH 1;

CREATE TABLE ab_user_group (
	id INTEGER NOT NULL, 
	user_id INTEGER, 
	group_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (user_id, group_id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id) ON DELETE CASCADE, 
	FOREIGN KEY(group_id) REFERENCES ab_group (id) ON DELETE CASCADE
);

CREATE INDEX idx_user_id ON ab_user_group (user_id);

CREATE INDEX idx_user_group_id ON ab_user_group (group_id);

CREATE SEQUENCE ab_group_role_id_seq START WITH 1;

CREATE TABLE ab_group_role (
	id INTEGER NOT NULL, 
	group_id INTEGER, 
	role_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (group_id, role_id), 
	FOREIGN KEY(group_id) REFERENCES ab_group (id) ON DELETE CASCADE, 
	FOREIGN KEY(role_id) REFERENCES ab_role (id) ON DELETE CASCADE
);

CREATE INDEX idx_group_role_id ON ab_group_role (role_id);

CREATE INDEX idx_group_id ON ab_group_role (group_id);

CREATE SEQUENCE ab_permission_view_role_id_seq START WITH 1;

CREATE TABLE ab_permission_view_role (
	id INTEGER NOT NULL, 
	permission_view_id INTEGER, 
	role_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (permission_view_id, role_id), 
	FOREIGN KEY(permission_view_id) REFERENCES ab_permission_view (id) ON DELETE CASCADE, 
	FOREIGN KEY(role_id) REFERENCES ab_role (id) ON DELETE CASCADE
);

CREATE INDEX idx_role_id ON ab_permission_view_role (role_id);

CREATE INDEX idx_permission_view_id ON ab_permission_view_role (permission_view_id);

INSERT INTO ab_role (id, name) VALUES (1, 'Admin');

INSERT INTO ab_role (id, name) VALUES (2, 'Public');

CREATE TABLE clusters (
	created_on DATETIME NOT NULL, 
	changed_on DATETIME NOT NULL, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	cluster_name VARCHAR(250), 
	coordinator_host VARCHAR(255), 
	coordinator_port INTEGER, 
	coordinator_endpoint VARCHAR(255), 
	broker_host VARCHAR(255), 
	broker_port INTEGER, 
	broker_endpoint VARCHAR(255), 
	metadata_last_refreshed DATETIME, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (cluster_name), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE dashboards (
	created_on DATETIME NOT NULL, 
	changed_on DATETIME NOT NULL, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	dashboard_title VARCHAR(500), 
	position_json TEXT, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE dbs (
	created_on DATETIME NOT NULL, 
	changed_on DATETIME NOT NULL, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	database_name VARCHAR(250), 
	sqlalchemy_uri VARCHAR(1024), 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (database_name), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE datasources (
	created_on DATETIME NOT NULL, 
	changed_on DATETIME NOT NULL, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	datasource_name VARCHAR(255), 
	is_featured BOOL, 
	is_hidden BOOL, 
	description TEXT, 
	default_endpoint TEXT, 
	user_id INTEGER, 
	cluster_name VARCHAR(250), 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (datasource_name), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id), 
	FOREIGN KEY(cluster_name) REFERENCES clusters (cluster_name), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE tables (
	created_on DATETIME NOT NULL, 
	changed_on DATETIME NOT NULL, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	table_name VARCHAR(250), 
	main_dttm_col VARCHAR(250), 
	default_endpoint TEXT, 
	database_id INTEGER NOT NULL, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (table_name), 
	FOREIGN KEY(database_id) REFERENCES dbs (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE columns (
	created_on DATETIME NOT NULL, 
	changed_on DATETIME NOT NULL, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	datasource_name VARCHAR(255), 
	column_name VARCHAR(255), 
	is_active BOOL, 
	type VARCHAR(32), 
	groupby BOOL, 
	count_distinct BOOL, 
	sum BOOL, 
	max BOOL, 
	min BOOL, 
	filterable BOOL, 
	description TEXT, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE metrics (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	metric_name VARCHAR(512), 
	verbose_name VARCHAR(1024), 
	metric_type VARCHAR(32), 
	datasource_name VARCHAR(255), 
	json TEXT, 
	description TEXT, 
	PRIMARY KEY (id), 
	FOREIGN KEY(datasource_name) REFERENCES datasources (datasource_name), 
	FOREIGN KEY(datasource_name) REFERENCES datasources (datasource_name)
);

CREATE TABLE slices (
	created_on DATETIME NOT NULL, 
	changed_on DATETIME NOT NULL, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	slice_name VARCHAR(250), 
	druid_datasource_id INTEGER, 
	table_id INTEGER, 
	datasource_type VARCHAR(200), 
	datasource_name VARCHAR(2000), 
	viz_type VARCHAR(250), 
	params TEXT, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(druid_datasource_id) REFERENCES datasources (id), 
	FOREIGN KEY(table_id) REFERENCES tables (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE sql_metrics (
	created_on DATETIME NOT NULL, 
	changed_on DATETIME NOT NULL, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	metric_name VARCHAR(512), 
	verbose_name VARCHAR(1024), 
	metric_type VARCHAR(32), 
	table_id INTEGER, 
	expression TEXT, 
	description TEXT, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(table_id) REFERENCES tables (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE table_columns (
	created_on DATETIME NOT NULL, 
	changed_on DATETIME NOT NULL, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	table_id INTEGER, 
	column_name VARCHAR(255), 
	is_dttm BOOL, 
	is_active BOOL, 
	type VARCHAR(32), 
	groupby BOOL, 
	count_distinct BOOL, 
	sum BOOL, 
	max BOOL, 
	min BOOL, 
	filterable BOOL, 
	description TEXT, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(table_id) REFERENCES tables (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE dashboard_slices (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	dashboard_id INTEGER, 
	slice_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(dashboard_id) REFERENCES dashboards (id), 
	FOREIGN KEY(slice_id) REFERENCES slices (id)
);

