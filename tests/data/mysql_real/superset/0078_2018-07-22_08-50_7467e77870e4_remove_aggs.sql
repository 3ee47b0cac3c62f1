ALTER TABLE table_columns DROP COLUMN avg;

ALTER TABLE table_columns DROP COLUMN max;

ALTER TABLE table_columns DROP COLUMN sum;

ALTER TABLE table_columns DROP COLUMN count_distinct;

ALTER TABLE table_columns DROP COLUMN min;

ALTER TABLE columns DROP COLUMN avg;

ALTER TABLE columns DROP COLUMN max;

ALTER TABLE columns DROP COLUMN sum;

ALTER TABLE columns DROP COLUMN count_distinct;

ALTER TABLE columns DROP COLUMN min;

