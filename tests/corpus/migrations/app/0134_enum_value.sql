-- ADD VALUE cannot be used in the same transaction as the new value
ALTER TYPE job_state_2 ADD VALUE IF NOT EXISTS 'escalated' BEFORE 'done';
ALTER TYPE job_state_2 RENAME VALUE 'done' TO 'done_old';
