ALTER TABLE query ADD COLUMN end_result_backend_time NUMERIC(20, 6);

