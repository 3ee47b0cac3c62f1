ALTER TABLE variable ADD COLUMN description TEXT;

