-- UNSAFE: renames users.name in one step while the old app still reads and writes it.
ALTER TABLE users RENAME COLUMN name TO full_name;
