INSERT INTO sl_dataset_users (user_id, dataset_id) SELECT sl_datasets.created_by_fk AS sl_datasets_created_by_fk, sl_datasets.id AS sl_datasets_id 
FROM sl_datasets LEFT OUTER JOIN sl_dataset_users ON sl_dataset_users.dataset_id = sl_datasets.id AND sl_dataset_users.user_id = sl_datasets.created_by_fk 
WHERE sl_dataset_users.dataset_id IS NULL AND sl_datasets.created_by_fk IS NOT NULL;

INSERT INTO slice_user (user_id, slice_id) SELECT slices.created_by_fk AS slices_created_by_fk, slices.id AS slices_id 
FROM slices LEFT OUTER JOIN slice_user ON slice_user.slice_id = slices.id AND slice_user.user_id = slices.created_by_fk 
WHERE slice_user.slice_id IS NULL;

INSERT INTO sqlatable_user (user_id, table_id) SELECT tables.created_by_fk AS tables_created_by_fk, tables.id AS tables_id 
FROM tables LEFT OUTER JOIN sqlatable_user ON sqlatable_user.table_id = tables.id AND sqlatable_user.user_id = tables.created_by_fk 
WHERE sqlatable_user.table_id IS NULL;

