INSERT INTO ab_view_menu (id, name) VALUES (5, 'Annotation');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (9, 1, 5);

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (10, 2, 5);

