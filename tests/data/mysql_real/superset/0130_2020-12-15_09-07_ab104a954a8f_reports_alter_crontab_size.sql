ALTER TABLE report_schedule MODIFY crontab VARCHAR(1000) NOT NULL;

