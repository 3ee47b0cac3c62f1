ALTER TABLE metrics MODIFY metric_name VARCHAR(255) NOT NULL;

ALTER TABLE metrics MODIFY json TEXT NOT NULL;

ALTER TABLE sql_metrics MODIFY metric_name VARCHAR(255) NOT NULL;

ALTER TABLE sql_metrics MODIFY expression TEXT NOT NULL;

ALTER TABLE sql_metrics ADD CONSTRAINT uq_sql_metrics_metric_name UNIQUE (metric_name, table_id);

