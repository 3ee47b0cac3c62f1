CREATE SEQUENCE IF NOT EXISTS plans_country_seq START WITH 1000 INCREMENT BY 1 CACHE 1;
ALTER TABLE plans ADD COLUMN IF NOT EXISTS country bigint;
ALTER TABLE plans ALTER COLUMN country SET DEFAULT nextval('plans_country_seq');
ALTER SEQUENCE plans_country_seq OWNED BY plans.country;
SELECT setval('plans_country_seq', 1000, false);
