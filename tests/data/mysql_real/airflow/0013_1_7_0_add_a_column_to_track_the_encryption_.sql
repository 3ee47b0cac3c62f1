ALTER TABLE connection ADD COLUMN is_extra_encrypted BOOL;

