INSERT INTO ab_permission (id, name) VALUES (7, 'can_columnar_upload');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (24, 7, 9);

