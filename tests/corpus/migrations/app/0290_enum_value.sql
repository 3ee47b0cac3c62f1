-- ADD VALUE cannot be used in the same transaction as the new value
ALTER TYPE job_state_2 ADD VALUE IF NOT EXISTS 'failed' AFTER 'escalated';
ALTER TYPE job_state_2 RENAME VALUE 'done_old' TO 'done_old_old';
