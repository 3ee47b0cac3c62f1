ALTER TABLE connection MODIFY login TEXT NULL;

ALTER TABLE connection MODIFY password TEXT NULL;

