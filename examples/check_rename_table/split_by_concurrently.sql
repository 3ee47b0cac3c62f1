-- UNSAFE: the same rename, but CREATE INDEX CONCURRENTLY cannot run inside a transaction,
-- so it splits the script: the rename commits alone and the old app loses "customers"
-- until the view arrives two transactions later.
-- expandcontract: phase expand
ALTER TABLE customers RENAME TO accounts;
CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);
CREATE VIEW customers AS SELECT * FROM accounts;

-- expandcontract: phase contract
DROP VIEW customers;
