-- Migrate: copy existing rows; the runner batches this by primary key.
-- expandcontract: backfill key=id
UPDATE customers SET display_name = name WHERE display_name IS DISTINCT FROM name;
