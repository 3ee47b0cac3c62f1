ALTER TABLE columns ADD COLUMN dimension_spec_json TEXT;

