CREATE INDEX idx_job_state_heartbeat ON job (state, latest_heartbeat);

