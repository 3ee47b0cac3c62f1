INSERT INTO ab_view_menu (name) VALUES ('DAGs');

INSERT INTO ab_permission (name) VALUES ('can_delete');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (3, 1);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 1);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (2, 1);

INSERT INTO ab_role (name) VALUES ('Public');

INSERT INTO ab_role (name) VALUES ('Viewer');

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (2, 2);

INSERT INTO ab_view_menu (name) VALUES ('DAG Dependencies');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 2);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (4, 2);

INSERT INTO ab_view_menu (name) VALUES ('DAG Code');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (5, 2);

INSERT INTO ab_view_menu (name) VALUES ('DAG Runs');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (6, 2);

INSERT INTO ab_view_menu (name) VALUES ('Datasets');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (7, 2);

INSERT INTO ab_view_menu (name) VALUES ('Cluster Activity');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 6);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (8, 2);

INSERT INTO ab_view_menu (name) VALUES ('Pools');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 7);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (9, 2);

INSERT INTO ab_view_menu (name) VALUES ('ImportError');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 8);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (10, 2);

INSERT INTO ab_view_menu (name) VALUES ('DAG Warnings');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 9);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (11, 2);

INSERT INTO ab_view_menu (name) VALUES ('Jobs');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 10);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (12, 2);

INSERT INTO ab_view_menu (name) VALUES ('My Password');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 11);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (13, 2);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (2, 11);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (14, 2);

INSERT INTO ab_view_menu (name) VALUES ('My Profile');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 12);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (15, 2);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (2, 12);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (16, 2);

INSERT INTO ab_view_menu (name) VALUES ('SLA Misses');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 13);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (17, 2);

INSERT INTO ab_view_menu (name) VALUES ('Task Instances');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 14);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (18, 2);

INSERT INTO ab_view_menu (name) VALUES ('Task Logs');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 15);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (19, 2);

INSERT INTO ab_view_menu (name) VALUES ('XComs');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 16);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (20, 2);

INSERT INTO ab_view_menu (name) VALUES ('Website');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 17);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (21, 2);

INSERT INTO ab_view_menu (name) VALUES ('Browse');

INSERT INTO ab_permission (name) VALUES ('menu_access');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 18);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (22, 2);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 1);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (23, 2);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 2);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (24, 2);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (25, 2);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (26, 2);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 6);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (27, 2);

INSERT INTO ab_view_menu (name) VALUES ('Documentation');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 19);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (28, 2);

INSERT INTO ab_view_menu (name) VALUES ('Docs');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 20);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (29, 2);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 10);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (30, 2);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 13);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (31, 2);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 14);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (32, 2);

INSERT INTO ab_role (name) VALUES ('User');

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (2, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (4, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (5, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (6, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (7, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (8, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (9, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (10, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (11, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (12, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (13, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (14, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (15, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (16, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (17, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (18, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (19, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (20, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (21, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (22, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (23, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (24, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (25, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (26, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (27, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (28, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (29, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (30, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (31, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (32, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (3, 3);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (1, 3);

INSERT INTO ab_permission (name) VALUES ('can_create');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (5, 14);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (33, 3);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (2, 14);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (34, 3);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (3, 14);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (35, 3);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (5, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (36, 3);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (2, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (37, 3);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (3, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (38, 3);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (5, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (39, 3);

INSERT INTO ab_role (name) VALUES ('Op');

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (2, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (4, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (5, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (6, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (7, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (8, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (9, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (10, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (11, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (12, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (13, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (14, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (15, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (16, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (17, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (18, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (19, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (20, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (21, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (22, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (23, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (24, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (25, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (26, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (27, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (28, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (29, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (30, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (31, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (32, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (3, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (1, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (33, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (34, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (35, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (36, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (37, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (38, 4);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (39, 4);

INSERT INTO ab_view_menu (name) VALUES ('Configurations');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 21);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (40, 4);

INSERT INTO ab_view_menu (name) VALUES ('Admin');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 22);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (41, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 21);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (42, 4);

INSERT INTO ab_view_menu (name) VALUES ('Connections');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 23);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (43, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 7);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (44, 4);

INSERT INTO ab_view_menu (name) VALUES ('Plugins');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 24);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (45, 4);

INSERT INTO ab_view_menu (name) VALUES ('Variables');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 25);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (46, 4);

INSERT INTO ab_view_menu (name) VALUES ('Providers');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 26);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (47, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 16);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (48, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (5, 23);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (49, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 23);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (50, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (2, 23);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (51, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (3, 23);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (52, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (5, 7);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (53, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (2, 7);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (54, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (3, 7);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (55, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 24);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (56, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 26);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (57, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (5, 25);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (58, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 25);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (59, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (2, 25);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (60, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (3, 25);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (61, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (3, 16);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (62, 4);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (3, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (63, 4);

INSERT INTO ab_role (name) VALUES ('Admin');

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (2, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (4, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (5, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (6, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (7, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (8, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (9, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (10, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (11, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (12, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (13, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (14, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (15, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (16, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (17, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (18, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (19, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (20, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (21, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (22, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (23, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (24, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (25, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (26, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (27, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (28, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (29, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (30, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (31, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (32, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (3, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (1, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (33, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (34, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (35, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (36, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (37, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (38, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (39, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (40, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (41, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (42, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (43, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (44, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (45, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (46, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (47, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (48, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (49, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (50, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (51, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (52, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (53, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (54, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (55, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (56, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (57, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (58, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (59, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (60, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (61, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (62, 5);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (63, 5);

INSERT INTO ab_view_menu (name) VALUES ('Audit Logs');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 27);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (64, 5);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 27);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (65, 5);

INSERT INTO ab_view_menu (name) VALUES ('Task Reschedules');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 28);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (66, 5);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 28);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (67, 5);

INSERT INTO ab_view_menu (name) VALUES ('Triggers');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 29);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (68, 5);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (4, 29);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (69, 5);

INSERT INTO ab_view_menu (name) VALUES ('Passwords');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 30);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (70, 5);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (2, 30);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (71, 5);

INSERT INTO ab_view_menu (name) VALUES ('Roles');

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (1, 31);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (72, 5);

INSERT INTO ab_permission_view (permission_id, view_menu_id) VALUES (2, 31);

INSERT INTO ab_permission_view_role (permission_view_id, role_id) VALUES (73, 5);

