ALTER TABLE datasources DROP FOREIGN KEY datasources_ibfk_2;

ALTER TABLE datasources MODIFY cluster_name VARCHAR(250) NOT NULL;

ALTER TABLE clusters MODIFY cluster_name VARCHAR(250) NOT NULL;

ALTER TABLE dbs MODIFY database_name VARCHAR(250) NOT NULL;

ALTER TABLE tables MODIFY table_name VARCHAR(250) NOT NULL;

ALTER TABLE datasources ADD CONSTRAINT datasources_ibfk_2 FOREIGN KEY(cluster_name) REFERENCES clusters (cluster_name);

