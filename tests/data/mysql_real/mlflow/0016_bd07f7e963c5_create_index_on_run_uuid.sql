BEGIN;

CREATE INDEX index_params_run_uuid ON params (run_uuid);

CREATE INDEX index_metrics_run_uuid ON metrics (run_uuid);

CREATE INDEX index_latest_metrics_run_uuid ON latest_metrics (run_uuid);

CREATE INDEX index_tags_run_uuid ON tags (run_uuid);

COMMIT;
