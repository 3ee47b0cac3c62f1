INSERT INTO ab_view_menu (id, name) VALUES (1, 'SavedQuery');

INSERT INTO ab_permission (id, name) VALUES (1, 'can_read');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (1, 1, 1);

INSERT INTO ab_permission (id, name) VALUES (2, 'can_write');

INSERT INTO ab_permission_view (id, permission_id, view_menu_id) VALUES (2, 2, 1);

