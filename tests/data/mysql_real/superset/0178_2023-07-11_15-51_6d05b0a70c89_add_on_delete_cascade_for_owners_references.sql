ALTER TABLE dashboard_user DROP FOREIGN KEY dashboard_user_ibfk_2;

ALTER TABLE dashboard_user ADD CONSTRAINT fk_dashboard_user_user_id_ab_user FOREIGN KEY(user_id) REFERENCES ab_user (id) ON DELETE CASCADE;

ALTER TABLE dashboard_user DROP FOREIGN KEY dashboard_user_ibfk_1;

ALTER TABLE dashboard_user ADD CONSTRAINT fk_dashboard_user_dashboard_id_dashboards FOREIGN KEY(dashboard_id) REFERENCES dashboards (id) ON DELETE CASCADE;

ALTER TABLE report_schedule_user DROP FOREIGN KEY report_schedule_user_ibfk_2;

ALTER TABLE report_schedule_user ADD CONSTRAINT fk_report_schedule_user_user_id_ab_user FOREIGN KEY(user_id) REFERENCES ab_user (id) ON DELETE CASCADE;

ALTER TABLE report_schedule_user DROP FOREIGN KEY report_schedule_user_ibfk_1;

ALTER TABLE report_schedule_user ADD CONSTRAINT fk_report_schedule_user_report_schedule_id_report_schedule FOREIGN KEY(report_schedule_id) REFERENCES report_schedule (id) ON DELETE CASCADE;

ALTER TABLE slice_user DROP FOREIGN KEY slice_user_ibfk_2;

ALTER TABLE slice_user ADD CONSTRAINT fk_slice_user_user_id_ab_user FOREIGN KEY(user_id) REFERENCES ab_user (id) ON DELETE CASCADE;

ALTER TABLE slice_user DROP FOREIGN KEY slice_user_ibfk_1;

ALTER TABLE slice_user ADD CONSTRAINT fk_slice_user_slice_id_slices FOREIGN KEY(slice_id) REFERENCES slices (id) ON DELETE CASCADE;

