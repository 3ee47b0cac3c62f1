ALTER TABLE dashboards ADD COLUMN json_metadata TEXT;

