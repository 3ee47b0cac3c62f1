CREATE TABLE report_schedule (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	type VARCHAR(50) NOT NULL, 
	name VARCHAR(150) NOT NULL, 
	description TEXT, 
	context_markdown TEXT, 
	active BOOL, 
	crontab VARCHAR(50) NOT NULL, 
	`sql` TEXT, 
	chart_id INTEGER, 
	dashboard_id INTEGER, 
	database_id INTEGER, 
	last_eval_dttm DATETIME, 
	last_state VARCHAR(50), 
	last_value FLOAT, 
	last_value_row_json TEXT, 
	validator_type VARCHAR(100), 
	validator_config_json TEXT, 
	log_retention INTEGER, 
	grace_period INTEGER, 
	created_on DATETIME, 
	changed_on DATETIME, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(chart_id) REFERENCES slices (id), 
	FOREIGN KEY(dashboard_id) REFERENCES dashboards (id), 
	FOREIGN KEY(database_id) REFERENCES dbs (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	UNIQUE (name)
);

ALTER TABLE report_schedule ADD CONSTRAINT uq_report_schedule_name UNIQUE (name);

CREATE INDEX ix_report_schedule_active ON report_schedule (active);

CREATE TABLE report_execution_log (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	scheduled_dttm DATETIME NOT NULL, 
	start_dttm DATETIME, 
	end_dttm DATETIME, 
	value FLOAT, 
	value_row_json TEXT, 
	state VARCHAR(50) NOT NULL, 
	error_message TEXT, 
	report_schedule_id INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(report_schedule_id) REFERENCES report_schedule (id)
);

CREATE TABLE report_recipient (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	type VARCHAR(50) NOT NULL, 
	recipient_config_json TEXT, 
	report_schedule_id INTEGER NOT NULL, 
	created_on DATETIME, 
	changed_on DATETIME, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(report_schedule_id) REFERENCES report_schedule (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE report_schedule_user (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER NOT NULL, 
	report_schedule_id INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(report_schedule_id) REFERENCES report_schedule (id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

