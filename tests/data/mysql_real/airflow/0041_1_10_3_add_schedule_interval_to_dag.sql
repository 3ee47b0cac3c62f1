ALTER TABLE dag ADD COLUMN schedule_interval TEXT;

