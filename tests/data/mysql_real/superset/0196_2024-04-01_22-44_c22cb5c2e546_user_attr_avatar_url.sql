ALTER TABLE user_attribute ADD COLUMN avatar_url VARCHAR(100);

