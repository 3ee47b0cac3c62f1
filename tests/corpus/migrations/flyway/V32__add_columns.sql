-- NOTE: statement_timeout is set by the runner; nothing to do here
ALTER TABLE campaigns ADD COLUMN IF NOT EXISTS notes text;
ALTER TABLE campaigns ADD COLUMN currency double precision NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN ends_at text[];
