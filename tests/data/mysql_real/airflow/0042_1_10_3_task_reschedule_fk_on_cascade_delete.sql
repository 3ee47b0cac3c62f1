ALTER TABLE task_reschedule DROP FOREIGN KEY task_reschedule_dag_task_date_fkey;

ALTER TABLE task_reschedule ADD CONSTRAINT task_reschedule_dag_task_date_fkey FOREIGN KEY(task_id, dag_id, execution_date) REFERENCES task_instance (task_id, dag_id, execution_date) ON DELETE CASCADE;

