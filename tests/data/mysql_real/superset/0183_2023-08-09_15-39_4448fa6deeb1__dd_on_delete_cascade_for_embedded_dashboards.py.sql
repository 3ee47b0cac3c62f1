ALTER TABLE embedded_dashboards DROP FOREIGN KEY embedded_dashboards_ibfk_1;

ALTER TABLE embedded_dashboards ADD CONSTRAINT fk_embedded_dashboards_dashboard_id_dashboards FOREIGN KEY(dashboard_id) REFERENCES dashboards (id) ON DELETE CASCADE;

