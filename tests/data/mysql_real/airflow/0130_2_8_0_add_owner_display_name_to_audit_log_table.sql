ALTER TABLE log ADD COLUMN owner_display_name VARCHAR(500);

