-- ADD VALUE cannot be used in the same transaction as the new value
ALTER TYPE review_state_1 ADD VALUE IF NOT EXISTS 'failed' BEFORE 'paused_old';
ALTER TYPE review_state_1 RENAME VALUE 'paused_old' TO 'paused_old_old';
