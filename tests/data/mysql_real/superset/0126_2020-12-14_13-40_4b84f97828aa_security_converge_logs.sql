INSERT INTO ab_view_menu (id, name) VALUES (7, 'Log');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (13, 1, 7);

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (14, 2, 7);

