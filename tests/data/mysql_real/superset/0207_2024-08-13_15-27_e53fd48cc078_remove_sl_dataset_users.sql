ALTER TABLE sl_dataset_users DROP FOREIGN KEY sl_dataset_users_ibfk_1;

ALTER TABLE sl_dataset_users DROP FOREIGN KEY sl_dataset_users_ibfk_2;

DROP TABLE sl_dataset_users;

