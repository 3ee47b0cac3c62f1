-- contract
ALTER TABLE users DROP COLUMN legacy_name;
ALTER TABLE users RENAME TO TO people;
