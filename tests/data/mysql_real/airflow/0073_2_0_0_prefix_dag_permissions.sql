UPDATE ab_view_menu SET name=(concat('DAG:', ab_view_menu.name)) WHERE ab_view_menu.id IN (NULL) AND (1 != 1);

INSERT INTO ab_permission (name) VALUES ('can_read');

UPDATE ab_permission_view SET permission_id=1 WHERE ab_permission_view.permission_id IS NULL;

INSERT INTO ab_permission (name) VALUES ('can_edit');

UPDATE ab_permission_view SET permission_id=2 WHERE ab_permission_view.permission_id IS NULL;

