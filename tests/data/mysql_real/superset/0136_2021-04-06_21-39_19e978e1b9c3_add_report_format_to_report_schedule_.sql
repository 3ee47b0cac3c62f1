ALTER TABLE report_schedule ADD COLUMN report_format VARCHAR(50) DEFAULT 'PNG';

