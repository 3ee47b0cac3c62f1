ALTER TABLE dbs ADD COLUMN encrypted_extra TEXT;

