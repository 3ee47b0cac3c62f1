ALTER TABLE dag CHANGE last_scheduler_run last_parsed_time TIMESTAMP NULL;

