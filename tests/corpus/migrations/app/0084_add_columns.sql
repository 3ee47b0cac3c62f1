-- ünïcödé comment — “quoted”; fine
ALTER TABLE lessons ADD COLUMN IF NOT EXISTS title varchar(120);
ALTER TABLE lessons
    ADD COLUMN position text,
    ADD COLUMN position_at timestamptz;
