ALTER TABLE slices ADD COLUMN datasource_id INTEGER;

