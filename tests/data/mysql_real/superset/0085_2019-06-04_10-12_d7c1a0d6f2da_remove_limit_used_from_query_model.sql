ALTER TABLE query DROP COLUMN limit_used;

