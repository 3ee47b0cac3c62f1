INSERT INTO ab_view_menu (id, name) VALUES (2, 'CssTemplate');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (3, 1, 2);

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (4, 2, 2);

