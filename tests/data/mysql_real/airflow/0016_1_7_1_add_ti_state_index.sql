CREATE INDEX ti_state ON task_instance (state);

