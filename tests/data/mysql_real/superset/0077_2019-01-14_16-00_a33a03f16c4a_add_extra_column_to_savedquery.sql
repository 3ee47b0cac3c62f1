ALTER TABLE saved_query ADD COLUMN extra_json TEXT;

