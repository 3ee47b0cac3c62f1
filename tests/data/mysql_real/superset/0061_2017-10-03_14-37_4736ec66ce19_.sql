ALTER TABLE datasources ADD CONSTRAINT uq_datasources_cluster_name UNIQUE (cluster_name, datasource_name);

ALTER TABLE columns ADD COLUMN datasource_id INTEGER;

ALTER TABLE columns ADD CONSTRAINT fk_columns_datasource_id_datasources FOREIGN KEY(datasource_id) REFERENCES datasources (id);

ALTER TABLE columns DROP FOREIGN KEY columns_ibfk_3;

ALTER TABLE columns DROP FOREIGN KEY fk_columns_datasource_name_datasources;

ALTER TABLE columns DROP COLUMN datasource_name;

ALTER TABLE metrics ADD COLUMN datasource_id INTEGER;

ALTER TABLE metrics ADD CONSTRAINT fk_metrics_datasource_id_datasources FOREIGN KEY(datasource_id) REFERENCES datasources (id);

ALTER TABLE metrics DROP FOREIGN KEY metrics_ibfk_2;

ALTER TABLE metrics DROP FOREIGN KEY metrics_ibfk_1;

ALTER TABLE metrics DROP COLUMN datasource_name;

ALTER TABLE datasources DROP INDEX datasource_name;

