ALTER TABLE report_schedule ADD COLUMN force_screenshot BOOL;

