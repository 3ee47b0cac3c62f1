ALTER TABLE table_columns ADD COLUMN verbose_name VARCHAR(1024);

