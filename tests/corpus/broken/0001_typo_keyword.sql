CREATE TABLE ok_first (id bigint PRIMARY KEY);
ALTER TABLE ok_first ADD COLUMN note text;
CREATE TABEL oops (id int);
ALTER TABLE ok_first ADD COLUMN other text;
