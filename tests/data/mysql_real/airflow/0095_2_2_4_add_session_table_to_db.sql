CREATE TABLE session (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	session_id VARCHAR(255), 
	data BLOB, 
	expiry DATETIME, 
	CONSTRAINT session_pkey PRIMARY KEY (id), 
	CONSTRAINT session_session_id_uq UNIQUE (session_id)
);

