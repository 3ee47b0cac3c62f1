ALTER TABLE report_schedule ADD COLUMN creation_method VARCHAR(255) DEFAULT 'alerts_reports';

CREATE INDEX ix_creation_method ON report_schedule (creation_method);

