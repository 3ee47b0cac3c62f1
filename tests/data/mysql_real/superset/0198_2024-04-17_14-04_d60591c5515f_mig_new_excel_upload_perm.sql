INSERT INTO ab_permission (id, name) VALUES (6, 'can_excel_upload');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (23, 6, 9);

