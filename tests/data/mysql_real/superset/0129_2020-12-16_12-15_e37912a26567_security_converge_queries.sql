INSERT INTO ab_view_menu (id, name) VALUES (10, 'Query');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (19, 1, 10);

