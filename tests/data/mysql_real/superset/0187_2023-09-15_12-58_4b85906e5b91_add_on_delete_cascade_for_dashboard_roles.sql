ALTER TABLE dashboard_roles DROP FOREIGN KEY dashboard_roles_ibfk_1;

ALTER TABLE dashboard_roles ADD CONSTRAINT fk_dashboard_roles_dashboard_id_dashboards FOREIGN KEY(dashboard_id) REFERENCES dashboards (id) ON DELETE CASCADE;

ALTER TABLE dashboard_roles DROP FOREIGN KEY dashboard_roles_ibfk_2;

ALTER TABLE dashboard_roles ADD CONSTRAINT fk_dashboard_roles_role_id_ab_role FOREIGN KEY(role_id) REFERENCES ab_role (id) ON DELETE CASCADE;

