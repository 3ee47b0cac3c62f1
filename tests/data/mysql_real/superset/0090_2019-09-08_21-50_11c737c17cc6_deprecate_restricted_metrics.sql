ALTER TABLE metrics DROP COLUMN is_restricted;

ALTER TABLE sql_metrics DROP COLUMN is_restricted;

