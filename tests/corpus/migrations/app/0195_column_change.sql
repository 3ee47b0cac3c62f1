ALTER TABLE webhooks ALTER COLUMN country TYPE text USING country::text;
