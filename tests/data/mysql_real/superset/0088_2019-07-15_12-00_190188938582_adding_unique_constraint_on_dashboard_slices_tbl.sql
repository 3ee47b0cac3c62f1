ALTER TABLE dashboard_slices ADD CONSTRAINT uq_dashboard_slice UNIQUE (dashboard_id, slice_id);

