ALTER TABLE dbs ADD COLUMN allow_multi_schema_metadata_fetch BOOL;

