CREATE INDEX idx_log_dttm ON log (dttm);

