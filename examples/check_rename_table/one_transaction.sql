-- Rename customers to accounts. The expand script is one transaction: the old app never
-- sees a schema without "customers", because the view takes its place at the same commit.
-- expandcontract: phase expand
ALTER TABLE customers RENAME TO accounts;
CREATE VIEW customers AS SELECT * FROM accounts;

-- expandcontract: phase contract
DROP VIEW customers;
