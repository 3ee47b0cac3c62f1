ALTER TABLE query ADD COLUMN extra_json TEXT;

