CREATE TABLE connection (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	conn_id VARCHAR(250) COLLATE utf8mb3_bin, 
	conn_type VARCHAR(500), 
	host VARCHAR(500), 
	`schema` VARCHAR(500), 
	login VARCHAR(500), 
	password VARCHAR(500), 
	port INTEGER, 
	extra VARCHAR(5000), 
	CONSTRAINT connection_pkey PRIMARY KEY (id)
);

CREATE TABLE dag (
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	is_paused BOOL, 
	is_subdag BOOL, 
	is_active BOOL, 
	last_scheduler_run DATETIME, 
	last_pickled DATETIME, 
	last_expired DATETIME, 
	scheduler_lock BOOL, 
	pickle_id INTEGER, 
	fileloc VARCHAR(2000), 
	owners VARCHAR(2000), 
	CONSTRAINT dag_pkey PRIMARY KEY (dag_id)
);

CREATE TABLE dag_pickle (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	pickle BLOB, 
	created_dttm DATETIME, 
	pickle_hash BIGINT, 
	CONSTRAINT dag_pickle_pkey PRIMARY KEY (id)
);

CREATE TABLE import_error (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	timestamp DATETIME, 
	filename VARCHAR(1024), 
	stacktrace TEXT, 
	CONSTRAINT import_error_pkey PRIMARY KEY (id)
);

CREATE TABLE job (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	dag_id VARCHAR(250), 
	state VARCHAR(20), 
	job_type VARCHAR(30), 
	start_date DATETIME, 
	end_date DATETIME, 
	latest_heartbeat DATETIME, 
	executor_class VARCHAR(500), 
	hostname VARCHAR(500), 
	unixname VARCHAR(1000), 
	CONSTRAINT job_pkey PRIMARY KEY (id)
);

CREATE INDEX job_type_heart ON job (job_type, latest_heartbeat);

CREATE TABLE log (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	dttm DATETIME, 
	dag_id VARCHAR(250) COLLATE utf8mb3_bin, 
	task_id VARCHAR(250) COLLATE utf8mb3_bin, 
	event VARCHAR(30), 
	execution_date DATETIME, 
	owner VARCHAR(500), 
	CONSTRAINT log_pkey PRIMARY KEY (id)
);

CREATE TABLE sla_miss (
	task_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	execution_date DATETIME NOT NULL, 
	email_sent BOOL, 
	timestamp DATETIME, 
	description TEXT, 
	CONSTRAINT sla_miss_pkey PRIMARY KEY (task_id, dag_id, execution_date)
);

CREATE TABLE slot_pool (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	pool VARCHAR(50) COLLATE utf8mb3_bin, 
	slots INTEGER, 
	description TEXT, 
	CONSTRAINT slot_pool_pkey PRIMARY KEY (id), 
	CONSTRAINT slot_pool_pool_uq UNIQUE (pool)
);

CREATE TABLE task_instance (
	task_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	execution_date DATETIME NOT NULL, 
	start_date DATETIME, 
	end_date DATETIME, 
	duration INTEGER, 
	state VARCHAR(20), 
	try_number INTEGER, 
	hostname VARCHAR(1000), 
	unixname VARCHAR(1000), 
	job_id INTEGER, 
	pool VARCHAR(50), 
	queue VARCHAR(50), 
	priority_weight INTEGER, 
	CONSTRAINT task_instance_pkey PRIMARY KEY (task_id, dag_id, execution_date)
);

CREATE INDEX ti_dag_state ON task_instance (dag_id, state);

CREATE INDEX ti_pool ON task_instance (pool, state, priority_weight);

CREATE INDEX ti_state_lkp ON task_instance (dag_id, task_id, execution_date, state);

CREATE TABLE user (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	username VARCHAR(250) COLLATE utf8mb3_bin, 
	email VARCHAR(500), 
	CONSTRAINT user_pkey PRIMARY KEY (id), 
	CONSTRAINT user_username_uq UNIQUE (username)
);

CREATE TABLE variable (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	`key` VARCHAR(250) COLLATE utf8mb3_bin, 
	val TEXT, 
	CONSTRAINT variable_pkey PRIMARY KEY (id), 
	CONSTRAINT variable_key_uq UNIQUE (`key`)
);

CREATE TABLE chart (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	label VARCHAR(200), 
	conn_id VARCHAR(250) NOT NULL, 
	user_id INTEGER, 
	chart_type VARCHAR(100), 
	sql_layout VARCHAR(50), 
	`sql` TEXT, 
	y_log_scale BOOL, 
	show_datatable BOOL, 
	show_sql BOOL, 
	height INTEGER, 
	default_params VARCHAR(5000), 
	x_is_date BOOL, 
	iteration_no INTEGER, 
	last_modified DATETIME, 
	CONSTRAINT chart_pkey PRIMARY KEY (id), 
	CONSTRAINT chart_user_id_fkey FOREIGN KEY(user_id) REFERENCES user (id)
);

CREATE TABLE xcom (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	`key` VARCHAR(512) COLLATE utf8mb3_bin, 
	value BLOB, 
	timestamp DATETIME NOT NULL, 
	execution_date DATETIME NOT NULL, 
	task_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	CONSTRAINT xcom_pkey PRIMARY KEY (id)
);

