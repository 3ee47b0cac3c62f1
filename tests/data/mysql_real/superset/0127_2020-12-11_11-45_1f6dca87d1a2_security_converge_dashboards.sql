INSERT INTO ab_view_menu (id, name) VALUES (8, 'Dashboard');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (15, 1, 8);

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (16, 2, 8);

