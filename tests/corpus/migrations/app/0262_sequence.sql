CREATE SEQUENCE IF NOT EXISTS contracts_region_seq START WITH 1000 INCREMENT BY 1 CACHE 1;
ALTER TABLE contracts ADD COLUMN IF NOT EXISTS region bigint;
ALTER TABLE contracts ALTER COLUMN region SET DEFAULT nextval('contracts_region_seq');
ALTER SEQUENCE contracts_region_seq OWNED BY contracts.region;
SELECT setval('contracts_region_seq', 1000, false);
