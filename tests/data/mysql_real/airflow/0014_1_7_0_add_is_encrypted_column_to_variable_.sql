ALTER TABLE variable ADD COLUMN is_encrypted BOOL;

