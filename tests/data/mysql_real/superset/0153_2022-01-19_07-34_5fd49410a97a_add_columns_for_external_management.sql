ALTER TABLE dashboards ADD COLUMN is_managed_externally BOOL NOT NULL DEFAULT false;

ALTER TABLE dashboards ADD COLUMN external_url TEXT;

ALTER TABLE datasources ADD COLUMN is_managed_externally BOOL NOT NULL DEFAULT false;

ALTER TABLE datasources ADD COLUMN external_url TEXT;

ALTER TABLE dbs ADD COLUMN is_managed_externally BOOL NOT NULL DEFAULT false;

ALTER TABLE dbs ADD COLUMN external_url TEXT;

ALTER TABLE slices ADD COLUMN is_managed_externally BOOL NOT NULL DEFAULT false;

ALTER TABLE slices ADD COLUMN external_url TEXT;

ALTER TABLE tables ADD COLUMN is_managed_externally BOOL NOT NULL DEFAULT false;

ALTER TABLE tables ADD COLUMN external_url TEXT;

