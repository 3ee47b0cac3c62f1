-- ADD VALUE cannot be used in the same transaction as the new value
ALTER TYPE review_state_1 ADD VALUE IF NOT EXISTS 'cancelled' AFTER 'pending';
ALTER TYPE review_state_1 RENAME VALUE 'paused' TO 'paused_old';
