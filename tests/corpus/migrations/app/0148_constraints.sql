UPDATE projects SET status = false WHERE status IS NULL; -- backfill first
ALTER TABLE projects ADD CONSTRAINT projects_status_nn_check CHECK (status IS NOT NULL) NOT VALID;
ALTER TABLE projects VALIDATE CONSTRAINT projects_status_nn_check;
ALTER TABLE projects ALTER COLUMN status SET NOT NULL;
ALTER TABLE projects DROP CONSTRAINT projects_status_nn_check;
