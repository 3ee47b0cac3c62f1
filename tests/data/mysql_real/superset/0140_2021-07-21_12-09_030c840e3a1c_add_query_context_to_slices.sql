ALTER TABLE slices ADD COLUMN query_context TEXT;

