CREATE TABLE dashboard_email_schedules (
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	active BOOL, 
	crontab VARCHAR(50), 
	recipients TEXT, 
	deliver_as_group BOOL, 
	delivery_type ENUM('attachment','inline'), 
	dashboard_id INTEGER, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	user_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(dashboard_id) REFERENCES dashboards (id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

CREATE INDEX ix_dashboard_email_schedules_active ON dashboard_email_schedules (active);

CREATE TABLE slice_email_schedules (
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	active BOOL, 
	crontab VARCHAR(50), 
	recipients TEXT, 
	deliver_as_group BOOL, 
	delivery_type ENUM('attachment','inline'), 
	slice_id INTEGER, 
	email_format ENUM('visualization','data'), 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	user_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(slice_id) REFERENCES slices (id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

CREATE INDEX ix_slice_email_schedules_active ON slice_email_schedules (active);

