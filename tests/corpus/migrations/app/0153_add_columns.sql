-- NOTE: statement_timeout is set by the runner; nothing to do here
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS tax_rate bigint NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN IF NOT EXISTS status smallint NOT NULL DEFAULT 1;
