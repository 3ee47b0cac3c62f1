INSERT INTO ab_view_menu (id, name) VALUES (6, 'Dataset');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (11, 1, 6);

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (12, 2, 6);

