INSERT INTO ab_permission (id, name) VALUES (5, 'can_csv_upload');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (22, 5, 9);

