ALTER TABLE alerts ADD COLUMN validator_config TEXT;

ALTER TABLE alerts ADD COLUMN database_id INTEGER NOT NULL;

ALTER TABLE alerts ADD COLUMN `sql` TEXT NOT NULL;

ALTER TABLE alerts ADD COLUMN validator_type VARCHAR(100) NOT NULL;

ALTER TABLE sql_observations DROP FOREIGN KEY sql_observations_ibfk_2;

ALTER TABLE sql_observations DROP COLUMN observer_id;

DROP TABLE alert_validators;

DROP TABLE sql_observers;

ALTER TABLE alerts ADD FOREIGN KEY(database_id) REFERENCES dbs (id);

