ALTER TABLE task_map DROP FOREIGN KEY task_map_task_instance_fkey;

ALTER TABLE task_map ADD CONSTRAINT task_map_task_instance_fkey FOREIGN KEY(dag_id, task_id, run_id, map_index) REFERENCES task_instance (dag_id, task_id, run_id, map_index) ON DELETE CASCADE ON UPDATE CASCADE;

