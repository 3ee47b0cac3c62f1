ALTER TABLE task_instance ADD COLUMN pool_slots INTEGER;

