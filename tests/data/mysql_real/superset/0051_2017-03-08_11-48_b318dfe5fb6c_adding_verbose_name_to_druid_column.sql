ALTER TABLE columns ADD COLUMN verbose_name VARCHAR(1024);

