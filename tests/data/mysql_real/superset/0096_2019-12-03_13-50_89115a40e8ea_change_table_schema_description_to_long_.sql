ALTER TABLE table_schema MODIFY description LONGTEXT NULL;

