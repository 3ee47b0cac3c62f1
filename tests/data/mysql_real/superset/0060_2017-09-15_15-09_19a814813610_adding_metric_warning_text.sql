ALTER TABLE metrics ADD COLUMN warning_text TEXT;

ALTER TABLE sql_metrics ADD COLUMN warning_text TEXT;

