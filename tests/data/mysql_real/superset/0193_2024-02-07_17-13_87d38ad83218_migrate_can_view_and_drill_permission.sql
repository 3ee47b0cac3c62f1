INSERT INTO ab_permission (id, name) VALUES (3, 'can_view_chart_as_table');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (20, 3, 8);

INSERT INTO ab_permission (id, name) VALUES (4, 'can_view_query');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (21, 4, 8);

