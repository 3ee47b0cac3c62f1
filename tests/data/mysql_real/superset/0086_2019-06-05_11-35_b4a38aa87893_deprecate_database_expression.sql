ALTER TABLE table_columns DROP COLUMN database_expression;

