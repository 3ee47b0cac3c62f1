CREATE TABLE `trigger` (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	classpath VARCHAR(1000) NOT NULL, 
	kwargs JSON NOT NULL, 
	created_date DATETIME NOT NULL, 
	triggerer_id INTEGER, 
	CONSTRAINT trigger_pkey PRIMARY KEY (id)
);

ALTER TABLE task_instance ADD COLUMN trigger_id INTEGER;

ALTER TABLE task_instance ADD COLUMN trigger_timeout DATETIME;

ALTER TABLE task_instance ADD COLUMN next_method VARCHAR(1000);

ALTER TABLE task_instance ADD COLUMN next_kwargs JSON;

ALTER TABLE task_instance ADD CONSTRAINT task_instance_trigger_id_fkey FOREIGN KEY(trigger_id) REFERENCES `trigger` (id) ON DELETE CASCADE;

CREATE INDEX ti_trigger_id ON task_instance (trigger_id);

