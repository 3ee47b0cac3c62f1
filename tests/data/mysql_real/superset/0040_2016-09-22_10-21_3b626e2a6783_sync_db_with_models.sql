ALTER TABLE slices DROP COLUMN druid_datasource_id;

ALTER TABLE columns ADD FOREIGN KEY(datasource_name) REFERENCES datasources (datasource_name);

ALTER TABLE query ADD CONSTRAINT client_id UNIQUE (client_id);

ALTER TABLE query DROP COLUMN name;

