CREATE INDEX idx_log_event ON log (event);

