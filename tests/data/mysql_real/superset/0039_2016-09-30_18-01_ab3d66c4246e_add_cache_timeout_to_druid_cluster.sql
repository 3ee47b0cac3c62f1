ALTER TABLE clusters ADD COLUMN cache_timeout INTEGER;

