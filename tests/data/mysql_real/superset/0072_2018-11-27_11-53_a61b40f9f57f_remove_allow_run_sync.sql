ALTER TABLE dbs DROP COLUMN allow_run_sync;

