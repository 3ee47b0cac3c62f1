ALTER TABLE report_schedule ADD COLUMN extra TEXT;

UPDATE report_schedule SET extra='{}';

ALTER TABLE report_schedule MODIFY extra TEXT NOT NULL;

