ALTER TABLE task_instance ADD COLUMN max_tries INTEGER DEFAULT '-1';

