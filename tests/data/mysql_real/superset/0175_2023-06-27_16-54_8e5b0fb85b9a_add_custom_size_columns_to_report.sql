ALTER TABLE report_schedule ADD COLUMN custom_width INTEGER;

ALTER TABLE report_schedule ADD COLUMN custom_height INTEGER;

