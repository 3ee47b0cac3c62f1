ALTER TABLE report_execution_log ADD COLUMN uuid BINARY(16);

