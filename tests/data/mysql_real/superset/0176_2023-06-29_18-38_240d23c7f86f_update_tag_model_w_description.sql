ALTER TABLE tag ADD COLUMN description TEXT;

