ALTER TABLE slices ADD COLUMN certified_by TEXT;

ALTER TABLE slices ADD COLUMN certification_details TEXT;

