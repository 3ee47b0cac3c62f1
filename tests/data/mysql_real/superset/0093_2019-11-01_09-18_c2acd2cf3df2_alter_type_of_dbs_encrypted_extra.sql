ALTER TABLE dbs MODIFY encrypted_extra BLOB NULL;

