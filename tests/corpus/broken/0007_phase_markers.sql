-- expandcontract: phase expand
ALTER TABLE users ADD COLUMN nickname text;
-- expandcontract: phase contract
ALTER TABLE users DROP COLUMN COLUMN name;
