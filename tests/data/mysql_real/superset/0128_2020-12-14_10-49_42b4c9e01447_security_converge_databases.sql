INSERT INTO ab_view_menu (id, name) VALUES (9, 'Database');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (17, 1, 9);

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (18, 2, 9);

