ALTER TABLE datasources MODIFY datasource_name VARCHAR(255) NOT NULL;

