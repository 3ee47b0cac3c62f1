ALTER TABLE query ADD COLUMN start_running_time NUMERIC(20, 6);

