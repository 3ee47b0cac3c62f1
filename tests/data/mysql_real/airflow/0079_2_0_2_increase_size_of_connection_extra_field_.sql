ALTER TABLE connection MODIFY extra TEXT NULL;

