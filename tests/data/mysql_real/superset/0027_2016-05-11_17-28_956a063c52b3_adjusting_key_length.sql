ALTER TABLE clusters MODIFY broker_endpoint VARCHAR(255) NULL;

ALTER TABLE clusters MODIFY broker_host VARCHAR(255) NULL;

ALTER TABLE clusters MODIFY coordinator_endpoint VARCHAR(255) NULL;

ALTER TABLE clusters MODIFY coordinator_host VARCHAR(255) NULL;

ALTER TABLE columns MODIFY column_name VARCHAR(255) NULL;

ALTER TABLE datasources MODIFY datasource_name VARCHAR(255) NULL;

ALTER TABLE table_columns MODIFY column_name VARCHAR(255) NULL;

ALTER TABLE tables MODIFY `schema` VARCHAR(255) NULL;

