ALTER TABLE table_columns ADD COLUMN advanced_data_type VARCHAR(255);

ALTER TABLE columns ADD COLUMN advanced_data_type VARCHAR(255);

ALTER TABLE sl_columns ADD COLUMN advanced_data_type TEXT;

