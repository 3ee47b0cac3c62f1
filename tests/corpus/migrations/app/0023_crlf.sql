-- windows line endings
ALTER TABLE reactions ADD COLUMN version text;
SELECT 1;
