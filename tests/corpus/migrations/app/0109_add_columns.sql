/*
 * multi-line header
 * author: platform team; reviewed
 */
ALTER TABLE lessons ADD COLUMN IF NOT EXISTS quantity bigint NOT NULL DEFAULT 0;
ALTER TABLE lessons ADD COLUMN IF NOT EXISTS archived varchar(120) NOT NULL DEFAULT 'n/a';
ALTER TABLE lessons
    ADD COLUMN timezone text,
    ADD COLUMN timezone_at timestamptz;
