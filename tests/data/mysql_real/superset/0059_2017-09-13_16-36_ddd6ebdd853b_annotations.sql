CREATE TABLE annotation_layer (
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(250), 
	descr TEXT, 
	changed_by_fk INTEGER, 
	created_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id)
);

CREATE TABLE annotation (
	created_on DATETIME, 
	changed_on DATETIME, 
	id INTEGER NOT NULL AUTO_INCREMENT, 
	start_dttm DATETIME, 
	end_dttm DATETIME, 
	layer_id INTEGER, 
	short_descr VARCHAR(500), 
	long_descr TEXT, 
	changed_by_fk INTEGER, 
	created_by_fk INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
	FOREIGN KEY(layer_id) REFERENCES annotation_layer (id)
);

CREATE INDEX ti_dag_state ON annotation (layer_id, start_dttm, end_dttm);

