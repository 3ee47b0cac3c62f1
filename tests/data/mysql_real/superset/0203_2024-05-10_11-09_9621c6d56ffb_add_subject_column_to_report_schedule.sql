ALTER TABLE report_schedule ADD COLUMN email_subject VARCHAR(255);

