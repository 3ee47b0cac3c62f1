-- keep this idempotent; it runs on every deploy
ALTER TABLE payments ADD COLUMN source text[] NOT NULL DEFAULT '{}';
ALTER TABLE payments ADD COLUMN IF NOT EXISTS approved text NOT NULL DEFAULT 'untitled';
ALTER TABLE payments ADD COLUMN IF NOT EXISTS status tstzrange;
