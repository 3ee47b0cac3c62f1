ALTER TABLE users ALTER COLUMN email SET NOT NUL;
SELECT 'fine; really';
DROP TABLE users users2;
