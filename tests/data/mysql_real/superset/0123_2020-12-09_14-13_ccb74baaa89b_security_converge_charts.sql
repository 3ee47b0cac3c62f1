INSERT INTO ab_view_menu (id, name) VALUES (4, 'Chart');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (7, 1, 4);

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (8, 2, 4);

