ALTER TABLE tables DROP INDEX tables_table_name_key;

