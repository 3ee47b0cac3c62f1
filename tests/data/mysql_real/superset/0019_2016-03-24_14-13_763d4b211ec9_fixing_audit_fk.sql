ALTER TABLE metrics ADD COLUMN changed_by_fk INTEGER;

ALTER TABLE metrics ADD COLUMN changed_on DATETIME;

ALTER TABLE metrics ADD COLUMN created_by_fk INTEGER;

ALTER TABLE metrics ADD COLUMN created_on DATETIME;

ALTER TABLE columns CHANGE changed_on changed_on DATETIME NULL;

ALTER TABLE columns CHANGE created_on created_on DATETIME NULL;

ALTER TABLE css_templates CHANGE changed_on changed_on DATETIME NULL;

ALTER TABLE css_templates CHANGE created_on created_on DATETIME NULL;

ALTER TABLE dashboards CHANGE changed_on changed_on DATETIME NULL;

ALTER TABLE dashboards CHANGE created_on created_on DATETIME NULL;

ALTER TABLE datasources MODIFY changed_by_fk INTEGER NULL;

ALTER TABLE datasources CHANGE changed_on changed_on DATETIME NULL;

ALTER TABLE datasources MODIFY created_by_fk INTEGER NULL;

ALTER TABLE datasources CHANGE created_on created_on DATETIME NULL;

ALTER TABLE dbs CHANGE changed_on changed_on DATETIME NULL;

ALTER TABLE dbs CHANGE created_on created_on DATETIME NULL;

ALTER TABLE slices CHANGE changed_on changed_on DATETIME NULL;

ALTER TABLE slices CHANGE created_on created_on DATETIME NULL;

ALTER TABLE sql_metrics CHANGE changed_on changed_on DATETIME NULL;

ALTER TABLE sql_metrics CHANGE created_on created_on DATETIME NULL;

ALTER TABLE table_columns CHANGE changed_on changed_on DATETIME NULL;

ALTER TABLE table_columns CHANGE created_on created_on DATETIME NULL;

ALTER TABLE tables CHANGE changed_on changed_on DATETIME NULL;

ALTER TABLE tables CHANGE created_on created_on DATETIME NULL;

ALTER TABLE url CHANGE changed_on changed_on DATETIME NULL;

ALTER TABLE url CHANGE created_on created_on DATETIME NULL;

ALTER TABLE metrics ADD FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id);

ALTER TABLE metrics ADD FOREIGN KEY(created_by_fk) REFERENCES ab_user (id);

