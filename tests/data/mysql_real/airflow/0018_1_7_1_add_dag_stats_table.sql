CREATE TABLE dag_stats (
	dag_id VARCHAR(250) COLLATE utf8mb3_bin NOT NULL, 
	state VARCHAR(50) NOT NULL, 
	count INTEGER NOT NULL, 
	dirty BOOL NOT NULL, 
	CONSTRAINT dag_stats_pkey PRIMARY KEY (dag_id, state)
);

