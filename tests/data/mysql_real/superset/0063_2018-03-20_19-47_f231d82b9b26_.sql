ALTER TABLE metrics MODIFY metric_name VARCHAR(255) NULL;

ALTER TABLE columns ADD CONSTRAINT uq_columns_column_name UNIQUE (column_name, datasource_id);

ALTER TABLE metrics ADD CONSTRAINT uq_metrics_metric_name UNIQUE (metric_name, datasource_id);

