ALTER TABLE table_columns MODIFY type TEXT NULL;

