ALTER TABLE task_instance ADD COLUMN rendered_map_index VARCHAR(250);

