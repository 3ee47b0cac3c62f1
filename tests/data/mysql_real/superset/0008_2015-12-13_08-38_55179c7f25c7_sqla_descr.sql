ALTER TABLE tables ADD COLUMN description TEXT;

