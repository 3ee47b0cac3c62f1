ALTER TABLE tables ADD COLUMN template_params TEXT;

