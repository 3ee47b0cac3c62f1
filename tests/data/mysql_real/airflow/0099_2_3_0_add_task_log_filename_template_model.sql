CREATE TABLE log_template (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	filename TEXT NOT NULL, 
	elasticsearch_id TEXT NOT NULL, 
	created_at TIMESTAMP(6) NOT NULL, 
	CONSTRAINT log_template_pkey PRIMARY KEY (id)
);

ALTER TABLE dag_run ADD COLUMN log_template_id INTEGER;

ALTER TABLE dag_run ADD CONSTRAINT task_instance_log_template_id_fkey FOREIGN KEY(log_template_id) REFERENCES log_template (id) ON DELETE NO ACTION;

