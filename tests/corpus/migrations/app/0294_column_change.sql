ALTER TABLE plans ALTER COLUMN external_ref TYPE text USING external_ref::text;
