-- TODO(ops): revisit once the backfill is done
ALTER TABLE vendors ADD COLUMN body inet;
ALTER TABLE vendors
    ADD COLUMN external_ref text,
    ADD COLUMN external_ref_at timestamptz;
