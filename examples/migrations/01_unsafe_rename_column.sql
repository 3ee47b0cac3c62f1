-- UNSAFE: the old app still selects users.name while this runs and after it.
ALTER TABLE users RENAME COLUMN name TO full_name;
