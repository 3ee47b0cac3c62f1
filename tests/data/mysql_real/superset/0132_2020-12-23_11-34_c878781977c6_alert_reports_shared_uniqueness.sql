ALTER TABLE report_schedule DROP INDEX uq_report_schedule_name;

DROP INDEX name ON report_schedule;

ALTER TABLE report_schedule ADD CONSTRAINT uq_report_schedule_name_type UNIQUE (name, type);

