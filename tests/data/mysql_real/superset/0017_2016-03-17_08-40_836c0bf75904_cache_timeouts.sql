ALTER TABLE datasources ADD COLUMN cache_timeout INTEGER;

ALTER TABLE dbs ADD COLUMN cache_timeout INTEGER;

ALTER TABLE slices ADD COLUMN cache_timeout INTEGER;

ALTER TABLE tables ADD COLUMN cache_timeout INTEGER;

