ALTER TABLE tables ADD COLUMN normalize_columns BOOL DEFAULT false;

