CREATE TABLE alerts (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	label VARCHAR(150) NOT NULL, 
	active BOOL, 
	crontab VARCHAR(50), 
	`sql` TEXT, 
	alert_type VARCHAR(50), 
	log_retention INTEGER NOT NULL, 
	grace_period INTEGER NOT NULL, 
	recipients TEXT, 
	slice_id INTEGER, 
	database_id INTEGER NOT NULL, 
	dashboard_id INTEGER, 
	last_eval_dttm DATETIME, 
	last_state VARCHAR(10), 
	PRIMARY KEY (id), 
	FOREIGN KEY(dashboard_id) REFERENCES dashboards (id), 
	FOREIGN KEY(slice_id) REFERENCES slices (id)
);

CREATE INDEX ix_alerts_active ON alerts (active);

CREATE TABLE alert_logs (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	scheduled_dttm DATETIME, 
	dttm_start DATETIME, 
	dttm_end DATETIME, 
	alert_id INTEGER, 
	state VARCHAR(10), 
	PRIMARY KEY (id), 
	FOREIGN KEY(alert_id) REFERENCES alerts (id)
);

CREATE TABLE alert_owner (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	user_id INTEGER, 
	alert_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(alert_id) REFERENCES alerts (id), 
	FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

