UPDATE task_instance SET pool_slots = 1 WHERE pool_slots IS NULL;

ALTER TABLE task_instance MODIFY pool_slots INTEGER NOT NULL DEFAULT '1';

