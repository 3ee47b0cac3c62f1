-- ADD VALUE cannot be used in the same transaction as the new value
ALTER TYPE payment_state_0 ADD VALUE IF NOT EXISTS 'draft' AFTER 'cancelled';
