ALTER TABLE table_columns ADD COLUMN extra TEXT;

