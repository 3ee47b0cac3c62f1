-- UNSAFE: fails outright on a table with rows, and the old app's INSERTs never supply it.
ALTER TABLE orders ADD COLUMN currency text NOT NULL;
