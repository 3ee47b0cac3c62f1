ALTER TABLE dbs ADD COLUMN server_cert BLOB;

