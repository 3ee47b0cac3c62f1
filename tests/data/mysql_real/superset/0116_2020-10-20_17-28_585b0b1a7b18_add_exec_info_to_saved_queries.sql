ALTER TABLE saved_query ADD COLUMN last_run DATETIME;

ALTER TABLE saved_query ADD COLUMN `rows` INTEGER;

