ALTER TABLE users ADD COLUMN superuser BOOL;

