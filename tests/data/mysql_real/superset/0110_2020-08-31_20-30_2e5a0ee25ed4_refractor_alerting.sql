CREATE TABLE alert_validators (
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	validator_type VARCHAR(100) NOT NULL, 
	config TEXT, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	alert_id INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(alert_id) REFERENCES alerts (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE sql_observers (
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	`sql` TEXT NOT NULL, 
	created_by_fk INTEGER, 
	changed_by_fk INTEGER, 
	alert_id INTEGER NOT NULL, 
	database_id INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(alert_id) REFERENCES alerts (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(database_id) REFERENCES dbs (id)
);

CREATE TABLE sql_observations (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	dttm DATETIME, 
	observer_id INTEGER NOT NULL, 
	alert_id INTEGER, 
	value FLOAT, 
	error_msg VARCHAR(500), 
	PRIMARY KEY (id), 
	FOREIGN KEY(alert_id) REFERENCES alerts (id), 
	FOREIGN KEY(observer_id) REFERENCES sql_observers (id)
);

CREATE INDEX ix_sql_observations_dttm ON sql_observations (dttm);

ALTER TABLE alerts ADD COLUMN changed_by_fk INTEGER;

ALTER TABLE alerts ADD COLUMN changed_on DATETIME;

ALTER TABLE alerts ADD COLUMN created_by_fk INTEGER;

ALTER TABLE alerts ADD COLUMN created_on DATETIME;

ALTER TABLE alerts MODIFY crontab VARCHAR(50) NOT NULL;

ALTER TABLE alerts ADD CONSTRAINT alerts_ibfk_3 FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id);

ALTER TABLE alerts ADD CONSTRAINT alerts_ibfk_4 FOREIGN KEY(created_by_fk) REFERENCES ab_user (id);

ALTER TABLE alerts DROP COLUMN `sql`;

ALTER TABLE alerts DROP COLUMN database_id;

