CREATE TABLE callback_request (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	created_at TIMESTAMP(6) NOT NULL, 
	priority_weight INTEGER NOT NULL, 
	callback_data JSON NOT NULL, 
	callback_type VARCHAR(20) NOT NULL, 
	dag_directory VARCHAR(1000), 
	CONSTRAINT callback_request_pkey PRIMARY KEY (id)
);

