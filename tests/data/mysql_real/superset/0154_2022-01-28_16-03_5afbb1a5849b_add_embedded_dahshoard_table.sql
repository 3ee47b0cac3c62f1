CREATE TABLE embedded_dashboards (
	created_on DATETIME, 
	changed_on DATETIME, 
	allow_domain_list TEXT, 
	uuid BINARY(16), 
	dashboard_id INTEGER NOT NULL, 
	changed_by_fk INTEGER, 
	created_by_fk INTEGER, 
	FOREIGN KEY(dashboard_id) REFERENCES dashboards (id)
);

