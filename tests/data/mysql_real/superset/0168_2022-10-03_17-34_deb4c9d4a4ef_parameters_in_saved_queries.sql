ALTER TABLE saved_query ADD COLUMN template_parameters TEXT;

