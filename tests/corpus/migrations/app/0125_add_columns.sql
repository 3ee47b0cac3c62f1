-- ünïcödé comment — “quoted”; fine
ALTER TABLE assets ADD COLUMN IF NOT EXISTS summary text NOT NULL DEFAULT 'untitled';
ALTER TABLE assets ADD COLUMN IF NOT EXISTS visibility smallint NOT NULL DEFAULT 1;
ALTER TABLE assets
    ADD COLUMN weight text,
    ADD COLUMN weight_at timestamptz;
