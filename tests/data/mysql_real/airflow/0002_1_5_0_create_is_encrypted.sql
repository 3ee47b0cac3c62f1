ALTER TABLE connection ADD COLUMN is_encrypted BOOL;

UPDATE connection SET is_encrypted=0;

