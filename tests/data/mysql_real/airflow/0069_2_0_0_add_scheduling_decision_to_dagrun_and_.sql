ALTER TABLE dag_run ADD COLUMN last_scheduling_decision TIMESTAMP(6) NULL;

CREATE INDEX idx_last_scheduling_decision ON dag_run (last_scheduling_decision);

ALTER TABLE dag_run ADD COLUMN dag_hash VARCHAR(32);

ALTER TABLE dag ADD COLUMN next_dagrun TIMESTAMP(6) NULL;

ALTER TABLE dag ADD COLUMN next_dagrun_create_after TIMESTAMP(6) NULL;

ALTER TABLE dag ADD COLUMN concurrency INTEGER;

ALTER TABLE dag ADD COLUMN has_task_concurrency_limits BOOL;

CREATE INDEX idx_next_dagrun_create_after ON dag (next_dagrun_create_after);

UPDATE dag SET
            concurrency=16,
            has_task_concurrency_limits=true
        where concurrency IS NULL;

ALTER TABLE dag MODIFY concurrency INTEGER NOT NULL;

ALTER TABLE dag MODIFY has_task_concurrency_limits BOOL NOT NULL;

