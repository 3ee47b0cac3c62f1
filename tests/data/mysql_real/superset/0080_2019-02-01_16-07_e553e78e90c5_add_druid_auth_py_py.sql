ALTER TABLE clusters ADD COLUMN broker_pass BLOB;

ALTER TABLE clusters ADD COLUMN broker_user VARCHAR(255);

