ALTER TABLE annotation ADD COLUMN json_metadata TEXT;

