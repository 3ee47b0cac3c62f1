ALTER TABLE report_schedule ADD COLUMN working_timeout INTEGER;

