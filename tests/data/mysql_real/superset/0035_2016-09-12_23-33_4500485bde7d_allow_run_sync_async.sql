ALTER TABLE dbs ADD COLUMN allow_run_async BOOL;

ALTER TABLE dbs ADD COLUMN allow_run_sync BOOL;

