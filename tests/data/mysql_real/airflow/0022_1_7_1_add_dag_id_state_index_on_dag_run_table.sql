CREATE INDEX dag_id_state ON dag_run (dag_id, state);

