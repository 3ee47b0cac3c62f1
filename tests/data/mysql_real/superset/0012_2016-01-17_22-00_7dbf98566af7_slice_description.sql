ALTER TABLE slices ADD COLUMN description TEXT;

