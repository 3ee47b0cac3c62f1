-- NOTE: statement_timeout is set by the runner; nothing to do here
ALTER TABLE reviews ADD COLUMN due_on varchar(120);
ALTER TABLE reviews
    ADD COLUMN approved text,
    ADD COLUMN approved_at timestamptz;
