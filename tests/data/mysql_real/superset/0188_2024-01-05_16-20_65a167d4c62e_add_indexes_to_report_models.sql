CREATE INDEX ix_report_execution_log_report_schedule_id ON report_execution_log (report_schedule_id);

CREATE INDEX ix_report_execution_log_start_dttm ON report_execution_log (start_dttm);

CREATE INDEX ix_report_recipient_report_schedule_id ON report_recipient (report_schedule_id);

