DROP INDEX idx_last_scheduling_decision ON dag_run;

