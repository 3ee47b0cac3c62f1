/* nested /* comment; inner */ still a comment; */
ALTER TABLE reviews ADD COLUMN IF NOT EXISTS source smallint;
ALTER TABLE reviews ADD COLUMN currency text NOT NULL DEFAULT 'untitled';
