ALTER TABLE table_columns ADD COLUMN python_date_format VARCHAR(255);

ALTER TABLE table_columns ADD COLUMN database_expression VARCHAR(255);

