CREATE TABLE ab_permission (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(100) NOT NULL, 
	CONSTRAINT ab_permission_pkey PRIMARY KEY (id), 
	CONSTRAINT ab_permission_name_uq UNIQUE (name)
);

CREATE TABLE ab_view_menu (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(100) NOT NULL, 
	CONSTRAINT ab_view_menu_pkey PRIMARY KEY (id), 
	CONSTRAINT ab_view_menu_name_uq UNIQUE (name)
);

CREATE TABLE ab_role (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(64) NOT NULL, 
	CONSTRAINT ab_role_pkey PRIMARY KEY (id), 
	CONSTRAINT ab_role_name_uq UNIQUE (name)
);

CREATE TABLE ab_permission_view (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	permission_id INTEGER, 
	view_menu_id INTEGER, 
	CONSTRAINT ab_permission_view_pkey PRIMARY KEY (id), 
	CONSTRAINT ab_permission_view_permission_id_fkey FOREIGN KEY(permission_id) REFERENCES ab_permission (id), 
	CONSTRAINT ab_permission_view_view_menu_id_fkey FOREIGN KEY(view_menu_id) REFERENCES ab_view_menu (id), 
	CONSTRAINT ab_permission_view_permission_id_view_menu_id_uq UNIQUE (permission_id, view_menu_id)
);

CREATE TABLE ab_permission_view_role (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	permission_view_id INTEGER, 
	role_id INTEGER, 
	CONSTRAINT ab_permission_view_role_pkey PRIMARY KEY (id), 
	CONSTRAINT ab_permission_view_role_permission_view_id_fkey FOREIGN KEY(permission_view_id) REFERENCES ab_permission_view (id), 
	CONSTRAINT ab_permission_view_role_role_id_fkey FOREIGN KEY(role_id) REFERENCES ab_role (id), 
	CONSTRAINT ab_permission_view_role_permission_view_id_role_id_uq UNIQUE (permission_view_id, role_id)
);

CREATE TABLE ab_user (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	first_name VARCHAR(64) NOT NULL, 
	last_name VARCHAR(64) NOT NULL, 
	username VARCHAR(64) NOT NULL, 
	password VARCHAR(256), 
	active BOOL, 
	email VARCHAR(64) NOT NULL, 
	last_login DATETIME, 
	login_count INTEGER, 
	fail_login_count INTEGER, 
	created_on DATETIME, 
	changed_on DATETIME, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	CONSTRAINT ab_user_pkey PRIMARY KEY (id), 
	CONSTRAINT ab_user_changed_by_fk_fkey FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	CONSTRAINT ab_user_created_by_fk_fkey FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	CONSTRAINT ab_user_email_uq UNIQUE (email), 
	CONSTRAINT ab_user_username_uq UNIQUE (username)
);

CREATE TABLE ab_user_role (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER, 
	role_id INTEGER, 
	CONSTRAINT ab_user_role_pkey PRIMARY KEY (id), 
	CONSTRAINT ab_user_role_role_id_fkey FOREIGN KEY(role_id) REFERENCES ab_role (id), 
	CONSTRAINT ab_user_role_user_id_fkey FOREIGN KEY(user_id) REFERENCES ab_user (id), 
	CONSTRAINT ab_user_role_user_id_role_id_uq UNIQUE (user_id, role_id)
);

CREATE TABLE ab_register_user (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	first_name VARCHAR(64) NOT NULL, 
	last_name VARCHAR(64) NOT NULL, 
	username VARCHAR(64) NOT NULL, 
	password VARCHAR(256), 
	email VARCHAR(64) NOT NULL, 
	registration_date DATETIME, 
	registration_hash VARCHAR(256), 
	CONSTRAINT ab_register_user_pkey PRIMARY KEY (id), 
	CONSTRAINT ab_register_user_username_uq UNIQUE (username)
);

