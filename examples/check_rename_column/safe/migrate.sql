-- Migrate: copy the existing rows (the runner batches this by primary key).
-- expandcontract: backfill key=id
UPDATE users SET full_name = name WHERE full_name IS DISTINCT FROM name;
