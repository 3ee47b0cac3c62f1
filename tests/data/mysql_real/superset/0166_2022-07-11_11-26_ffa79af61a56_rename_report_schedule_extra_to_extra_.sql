ALTER TABLE report_schedule CHANGE extra extra_json TEXT NULL;

