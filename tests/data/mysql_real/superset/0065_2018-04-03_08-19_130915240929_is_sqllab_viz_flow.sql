ALTER TABLE tables ADD COLUMN is_sqllab_view BOOL DEFAULT false;

