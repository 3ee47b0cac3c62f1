ALTER TABLE dashboard_slices DROP FOREIGN KEY dashboard_slices_ibfk_1;

ALTER TABLE dashboard_slices ADD CONSTRAINT fk_dashboard_slices_dashboard_id_dashboards FOREIGN KEY(dashboard_id) REFERENCES dashboards (id) ON DELETE CASCADE;

ALTER TABLE dashboard_slices DROP FOREIGN KEY dashboard_slices_ibfk_2;

ALTER TABLE dashboard_slices ADD CONSTRAINT fk_dashboard_slices_slice_id_slices FOREIGN KEY(slice_id) REFERENCES slices (id) ON DELETE CASCADE;

