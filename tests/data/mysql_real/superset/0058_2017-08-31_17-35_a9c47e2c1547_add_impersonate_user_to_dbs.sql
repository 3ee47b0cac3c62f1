ALTER TABLE dbs ADD COLUMN impersonate_user BOOL;

