ALTER TABLE query ADD COLUMN tmp_schema_name VARCHAR(256);

