-- ünïcödé comment — “quoted”; fine
ALTER TABLE sensors ADD COLUMN IF NOT EXISTS currency jsonb;
ALTER TABLE sensors ADD COLUMN IF NOT EXISTS starts_at varchar(120);
ALTER TABLE sensors ADD COLUMN IF NOT EXISTS email tstzrange;
