ALTER TABLE dag ADD COLUMN dataset_expression JSON;

