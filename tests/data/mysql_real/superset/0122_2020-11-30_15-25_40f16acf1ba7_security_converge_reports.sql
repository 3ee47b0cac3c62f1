INSERT INTO ab_view_menu (id, name) VALUES (3, 'ReportSchedule');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (5, 1, 3);

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (6, 2, 3);

