ALTER TABLE dbs ADD COLUMN uuid BINARY(16);

ALTER TABLE dbs ADD CONSTRAINT uq_dbs_uuid UNIQUE (uuid);

ALTER TABLE dashboards ADD COLUMN uuid BINARY(16);

ALTER TABLE dashboards ADD CONSTRAINT uq_dashboards_uuid UNIQUE (uuid);

ALTER TABLE slices ADD COLUMN uuid BINARY(16);

ALTER TABLE slices ADD CONSTRAINT uq_slices_uuid UNIQUE (uuid);

ALTER TABLE tables ADD COLUMN uuid BINARY(16);

ALTER TABLE tables ADD CONSTRAINT uq_tables_uuid UNIQUE (uuid);

ALTER TABLE table_columns ADD COLUMN uuid BINARY(16);

ALTER TABLE table_columns ADD CONSTRAINT uq_table_columns_uuid UNIQUE (uuid);

ALTER TABLE sql_metrics ADD COLUMN uuid BINARY(16);

ALTER TABLE sql_metrics ADD CONSTRAINT uq_sql_metrics_uuid UNIQUE (uuid);

ALTER TABLE clusters ADD COLUMN uuid BINARY(16);

ALTER TABLE clusters ADD CONSTRAINT uq_clusters_uuid UNIQUE (uuid);

ALTER TABLE datasources ADD COLUMN uuid BINARY(16);

ALTER TABLE datasources ADD CONSTRAINT uq_datasources_uuid UNIQUE (uuid);

ALTER TABLE columns ADD COLUMN uuid BINARY(16);

ALTER TABLE columns ADD CONSTRAINT uq_columns_uuid UNIQUE (uuid);

ALTER TABLE metrics ADD COLUMN uuid BINARY(16);

ALTER TABLE metrics ADD CONSTRAINT uq_metrics_uuid UNIQUE (uuid);

ALTER TABLE dashboard_email_schedules ADD COLUMN uuid BINARY(16);

ALTER TABLE dashboard_email_schedules ADD CONSTRAINT uq_dashboard_email_schedules_uuid UNIQUE (uuid);

ALTER TABLE slice_email_schedules ADD COLUMN uuid BINARY(16);

ALTER TABLE slice_email_schedules ADD CONSTRAINT uq_slice_email_schedules_uuid UNIQUE (uuid);

