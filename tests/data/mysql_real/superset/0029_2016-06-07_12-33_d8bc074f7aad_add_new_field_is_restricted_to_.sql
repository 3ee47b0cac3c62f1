ALTER TABLE metrics ADD COLUMN is_restricted BOOL;

ALTER TABLE sql_metrics ADD COLUMN is_restricted BOOL;

