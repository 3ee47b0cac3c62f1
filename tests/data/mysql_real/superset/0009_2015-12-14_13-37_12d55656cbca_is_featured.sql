ALTER TABLE tables ADD COLUMN is_featured BOOL;

