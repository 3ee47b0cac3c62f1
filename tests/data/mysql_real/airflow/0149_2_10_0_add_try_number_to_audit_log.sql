BEGIN;

ALTER TABLE log ADD COLUMN try_number INTEGER;

CREATE INDEX idx_log_task_instance ON log (dag_id, task_id, run_id, map_index, try_number);

COMMIT;
