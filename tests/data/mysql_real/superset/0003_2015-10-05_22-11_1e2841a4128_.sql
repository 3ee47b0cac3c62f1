ALTER TABLE table_columns ADD COLUMN expression TEXT;

