ALTER TABLE connection MODIFY extra TEXT NULL;

ALTER TABLE log_template CHANGE created_at created_at TIMESTAMP(6) NOT NULL;

ALTER TABLE serialized_dag MODIFY dag_hash VARCHAR(32) NOT NULL;

ALTER TABLE `trigger` CHANGE created_date created_date TIMESTAMP(6) NOT NULL;

