ALTER TABLE columns MODIFY column_name VARCHAR(255) NOT NULL;

ALTER TABLE table_columns MODIFY column_name VARCHAR(255) NOT NULL;

ALTER TABLE table_columns ADD CONSTRAINT uq_table_columns_column_name UNIQUE (column_name, table_id);

