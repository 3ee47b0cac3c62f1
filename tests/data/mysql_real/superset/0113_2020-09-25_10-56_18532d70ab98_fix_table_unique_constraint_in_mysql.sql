ALTER TABLE tables DROP INDEX table_name;

