ALTER TABLE dbs ADD COLUMN allow_ctas BOOL;

ALTER TABLE dbs ADD COLUMN expose_in_sqllab BOOL;

ALTER TABLE dbs ADD COLUMN force_ctas_schema VARCHAR(250);

