CREATE TABLE sensor_instance (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	task_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	execution_date TIMESTAMP(6) NOT NULL, 
	state VARCHAR(20), 
	try_number INTEGER, 
	start_date TIMESTAMP(6) NULL, 
	operator VARCHAR(1000) NOT NULL, 
	op_classpath VARCHAR(1000) NOT NULL, 
	hashcode BIGINT NOT NULL, 
	shardcode INTEGER NOT NULL, 
	poke_context TEXT NOT NULL, 
	execution_context TEXT, 
	created_at TIMESTAMP(6) NOT NULL, 
	updated_at TIMESTAMP(6) NOT NULL, 
	CONSTRAINT sensor_instance_pkey PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ti_primary_key ON sensor_instance (dag_id, task_id, execution_date);

CREATE INDEX si_hashcode ON sensor_instance (hashcode);

CREATE INDEX si_shardcode ON sensor_instance (shardcode);

CREATE INDEX si_state_shard ON sensor_instance (state, shardcode);

CREATE INDEX si_updated_at ON sensor_instance (updated_at);

