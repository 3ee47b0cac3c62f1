ALTER TABLE dbs DROP COLUMN allow_multi_schema_metadata_fetch;

