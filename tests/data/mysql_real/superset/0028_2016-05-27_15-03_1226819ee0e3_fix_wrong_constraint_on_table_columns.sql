ALTER TABLE columns ADD CONSTRAINT fk_columns_datasource_name_datasources FOREIGN KEY(datasource_name) REFERENCES datasources (datasource_name);

