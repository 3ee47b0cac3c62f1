ALTER TABLE task_instance ADD COLUMN operator VARCHAR(1000);

ALTER TABLE task_instance ADD COLUMN queued_dttm DATETIME;

