ALTER TABLE clusters ADD COLUMN verbose_name VARCHAR(250);

ALTER TABLE dbs ADD COLUMN verbose_name VARCHAR(250);

ALTER TABLE dbs ADD UNIQUE (verbose_name);

ALTER TABLE clusters ADD UNIQUE (verbose_name);

