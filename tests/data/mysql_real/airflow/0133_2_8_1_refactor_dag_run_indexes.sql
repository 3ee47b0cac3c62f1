DROP INDEX IF EXISTS ti_state_incl_start_date ON task_instance;

